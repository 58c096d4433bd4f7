"""The kinds of fact the knowledge states, which a question can ask for."""

FACT_KINDS = ("amount", "date", "year", "count", "share", "person", "name", "place")

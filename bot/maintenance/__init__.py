"""The maintainers' tools: checking the knowledge, the eval, the question store and its gaps."""

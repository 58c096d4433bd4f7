"""The knowledge: its typed model, and loading it from the maintainers' YAML with every problem found."""

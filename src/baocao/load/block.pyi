"""The types of the compiled block reader (`block.pyx`)."""

from baocao.load.plain import Read

def read(text: str) -> Read | None:
    """`text` as data with where each key and value starts, or None if it is more than
    block-style YAML (or wrong): then the full loader reads it."""

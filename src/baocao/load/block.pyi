"""The types of the compiled block reader (`block.pyx`)."""

from typing import Any

from baocao.errors import PathKey
from baocao.load.plain import Spot

def read(text: str) -> tuple[dict[str, Any], dict[PathKey, Spot], dict[PathKey, Spot]] | None:
    """`text` as data with where each key and value starts, or None if it is more than
    block-style YAML (or wrong): then the full loader reads it."""

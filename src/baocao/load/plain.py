"""What both YAML readers read plain text as, and the bounds they keep.

`block` (compiled) and `full` (PyYAML) must read every value alike: the words read
as empty, true/false or a number are defined here once, and `full`'s resolver is
built from them.
"""

from __future__ import annotations

import re
from typing import Any

from baocao.errors import PathKey

Spot = tuple[int, int]
"""A 0-based line and column, as YAML parsers mark them."""

Read = tuple[dict[str, Any], dict[PathKey, Spot], dict[PathKey, Spot]]
"""What the block reader makes of a file: its data, and where each key and each value of it
stands."""

MAX_DEPTH = 40
"""Nesting deeper than any report needs; deeper files are refused before recursion can fail."""

MAX_DIGITS = 30
"""Longer runs of digits are no count or amount; Python refuses to parse > 4300 anyway."""

INT = re.compile(r"[-+]?[0-9]+")
"""The only plain text read as a number: a decimal integer, signed or not (`010` is ten)."""

NUMBER_START = "+-0123456789"
NULLS = ("", "~", "null", "Null", "NULL")
BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
"""What plain text YAML 1.1 reads as empty or as true/false, as people write it: not `yes`,
`no`, `on`, `off`."""

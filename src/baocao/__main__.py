"""`python -m baocao`, the same as the `baocao` command."""

from baocao.cli import run

run()

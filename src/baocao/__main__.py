"""`python -m baocao`, the same as the `baocao` command."""

from .cli import main

main()

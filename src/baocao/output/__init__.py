"""Stage 6, output: atomic, deterministic writes; PDF through LibreOffice; the bundle (.zip)."""

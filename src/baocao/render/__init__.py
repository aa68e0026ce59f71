"""Stage 5, rendering: the one sandboxed Jinja environment, the .docx render, print-ready
photos, and the tooling for user templates (`template/`)."""

"""The upper union's side: many reports at once, in parallel, and their consolidation."""

"""Checking a user's .docx template (its package, its tags, its names) and the guide that
lists what a template may use."""

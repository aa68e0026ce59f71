"""Stage 4, checking: the one pipeline (`pipeline.check_source`), pydantic's errors in Vietnamese,
the cross-checks, and checking what is valid while other parts are not."""

"""Stage 1, input: YAML read with line:col marks, the data files a command is given, and the
files a report names (its plan, its photos), found inside its folder."""

"""baocao: a union's semester report, checked and rendered from one YAML file."""

"""baocao: a grassroots union's semester report, checked and rendered from one YAML file.

The public API is what the CLI itself calls, one function per command:

- `check_source(path)` → `Checked`: the one check pipeline (`baocao validate`);
- `render_reports(paths, output, Options(...))` → `Summary`: check and write reports, their PDFs and
  bundles (`baocao render`); `build_report(path)` is the one-file shortcut;
- `build_tong_hop(paths, out)`: the province's consolidated table (`baocao tong-hop`);
- `write_skeleton(path)`, `schema_text()`: the blank form and its JSON Schema (`init`, `schema`);
- `prepare_template(path, jinja_env())`, `write_new_template(path)`: user templates.

Names are imported on first use, so that `import baocao` (and `baocao --help`) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from baocao.author import write_new_template, write_skeleton
    from baocao.build import Options, Summary, build_report, render_reports
    from baocao.checks.pipeline import Checked, check_readable, check_source
    from baocao.province.tong_hop import build_tong_hop
    from baocao.render.docx import jinja_env
    from baocao.render.template.check import prepare_template
    from baocao.schema.skeleton import schema_text

_HOMES = {
    "Checked": "baocao.checks.pipeline",
    "check_source": "baocao.checks.pipeline",
    "check_readable": "baocao.checks.pipeline",
    "Options": "baocao.build",
    "Summary": "baocao.build",
    "render_reports": "baocao.build",
    "build_report": "baocao.build",
    "build_tong_hop": "baocao.province.tong_hop",
    "write_skeleton": "baocao.author",
    "schema_text": "baocao.schema.skeleton",
    "jinja_env": "baocao.render.docx",
    "prepare_template": "baocao.render.template.check",
    "write_new_template": "baocao.author",
}

__all__ = [
    "Checked",
    "Options",
    "Summary",
    "build_report",
    "build_tong_hop",
    "check_readable",
    "check_source",
    "jinja_env",
    "prepare_template",
    "render_reports",
    "schema_text",
    "write_new_template",
    "write_skeleton",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'baocao' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)

"""Compiling the block YAML reader (`src/baocao/load/block.pyx`, Cython) as the wheel is built.

An editable install (`pip install -e .`) gets the compiled module beside its source; a
wheel carries it. Without a C compiler the package still installs, and the full loader
(PyYAML) then reads every file: the same data and messages, several times slower.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "baocao.load.block"
SOURCE = "src/baocao/load/block.pyx"


class CompileBlockReader(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        try:
            built = _compile(Path(self.root))
        except Exception as error:  # no compiler, no headers: slower, never wrong
            self.app.display_warning(
                f"baocao: không biên dịch được bộ đọc YAML nhanh ({error}); "
                "baocao vẫn chạy đúng, chỉ đọc tệp chậm hơn"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":  # an editable install imports it from src/ itself
            inside = built.relative_to(Path(self.root) / "src")
            build_data["force_include"][str(built)] = str(inside)


def _compile(root: Path) -> Path:
    """Cython's C, compiled in place (beside the .pyx); the path of the extension module."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    with tempfile.TemporaryDirectory() as temp:
        extension = Extension(MODULE, [str(root / SOURCE)])
        modules = cythonize([extension], build_dir=temp, quiet=True)
        package_dir = {"": str(root / "src")}
        distribution = Distribution({"ext_modules": modules, "package_dir": package_dir})
        command = distribution.get_command_obj("build_ext")
        command.inplace = True
        command.build_temp = temp
        command.ensure_finalized()
        command.run()
        return Path(command.get_ext_fullpath(MODULE))

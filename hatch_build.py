"""Build hook: compiles the plain-number kernel (``io/_arrow/_numbers.c``) into a shared library.

The library has no Python API; ``io/_arrow/_kernel.py`` loads it with ctypes. Where no C compiler
works the wheel is built without it, and the columnar reader does the same work with Arrow's
compute functions (a warning says so). ``EZHOU_RECOVERY_NO_KERNEL=1`` builds without it on purpose.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = "src/ezhou_recovery/io/_arrow/_numbers.c"
#: Where the library goes in the package (its suffix is the platform's, see ``library_name``).
PACKAGE_DIR = "ezhou_recovery/io/_arrow"


def library_name() -> str:
    """The file name of the compiled library on this platform (``_kernel.py`` uses the same)."""
    return "_numbers" + (sysconfig.get_config_var("SHLIB_SUFFIX") or ".so")


class NumbersKernelHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the kernel for wheels (into the wheel) and editable installs (beside the source)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("EZHOU_RECOVERY_NO_KERNEL") == "1":
            return
        source = Path(self.root, SOURCE)
        if version == "editable":
            # An editable install imports from src/: the library goes beside its source.
            target = source.with_name(library_name())
        else:
            self._folder = tempfile.mkdtemp(prefix="ezhou-kernel-")
            target = Path(self._folder, library_name())
        problem = _compile(source, target)
        if problem is not None:
            self._remove_folder()
            self.app.display_warning(
                f"the plain-number kernel was not compiled ({problem}); the columnar reader "
                "will use Arrow's compute functions instead"
            )
            return
        if version != "editable":
            build_data["force_include"][str(target)] = f"{PACKAGE_DIR}/{library_name()}"
        # The library has no Python API: any Python 3 on this platform can load it.
        from packaging.tags import sys_tags

        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-{next(iter(sys_tags())).platform}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        self._remove_folder()  # the wheel holds its copy of the library now

    def _remove_folder(self) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
            self._folder = None


def _compile(source: Path, target: Path) -> str | None:
    """Compile ``source`` into the shared library ``target``; None, or why it failed."""
    if sys.platform == "win32":
        return "no build recipe for Windows"
    compiler = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    flags = ["-O2", "-std=c99", "-fPIC", "-shared"]
    if sys.platform == "darwin":
        flags.append("-dynamiclib")
    command = [*compiler, *flags, str(source), "-o", str(target)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{command[0]}: {exc}"
    if done.returncode != 0:
        return f"{shlex.join(command)} exited with {done.returncode}: {done.stderr.strip()[:500]}"
    return None

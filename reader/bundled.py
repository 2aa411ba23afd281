"""Where shipped files live: the source tree's top folders, or the wheel's copies."""

from __future__ import annotations

import importlib.util
from pathlib import Path

# The source tree keeps migrations/ and resources/ at the top (the product's layout);
# the wheel installs them as these packages (see setup.py).
PACKAGES = {"migrations": "parallax_migrations", "resources": "parallax_resources"}
_SOURCE_ROOT = Path(__file__).resolve().parents[1]


def bundled_dir(name: str) -> Path:
    """The folder `name` ("migrations" or "resources") this copy of Parallax runs with.

    A source checkout (pyproject.toml beside reader/) uses its own folder, so a
    work tree never picks up another checkout's files; an installed copy uses the
    package the wheel put in site-packages.
    """
    source = _SOURCE_ROOT / name
    if (_SOURCE_ROOT / "pyproject.toml").is_file() and source.is_dir():
        return source
    spec = importlib.util.find_spec(PACKAGES[name])
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"Parallax is installed without its {name} folder")
    return Path(next(iter(spec.submodule_search_locations)))

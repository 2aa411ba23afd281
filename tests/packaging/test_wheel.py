"""The wheel, built from this tree and installed in a fresh venv, opens archives and the app."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "tests" / "fixtures" / "articles"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    (found,) = out.glob("parallax_reader-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel; the dependencies come from this venv's
    site-packages through a .pth line (installing 700 MB again proves nothing new)."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--quiet",
            str(wheel),
        ],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = [p for p in site.getsitepackages() if p != purelib] or [sysconfig.get_paths()["purelib"]]
    (Path(purelib) / "parallax-test-deps.pth").write_text("\n".join(deps) + "\n")
    return venv


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PARALLAX_ARCHIVE")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_wheel_carries_migrations_resources_and_desktop_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "parallax_migrations/env.py" in names
    assert "parallax_migrations/script.py.mako" in names
    assert any(n.startswith("parallax_migrations/versions/") and n.endswith(".py") for n in names)
    assert "parallax_resources/icons/app.svg" in names
    assert "parallax_resources/styles/dark.qss" in names
    assert "parallax_resources/parallax.desktop" in names
    assert "reader/ingest/data/" in " ".join(names)
    # Every package of the source tree is in the wheel.
    for init in (ROOT / "reader").rglob("__init__.py"):
        assert str(init.relative_to(ROOT)) in names, init


def test_installed_copy_opens_an_archive_and_imports(installed: Path, tmp_path: Path) -> None:
    parallax = installed / "bin" / "parallax"
    archive = tmp_path / "archive"
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import reader; print(reader.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert where.stdout.startswith(str(installed)), where.stdout + where.stderr
    story = next(STORY.glob("*.txt"))
    result = subprocess.run(
        [str(parallax), "--archive", str(archive), "import", str(story), "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert result.returncode == 0, result.stderr
    listed = subprocess.run(
        [str(parallax), "--archive", str(archive), "list", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert listed.returncode == 0, listed.stderr
    assert '"title"' in listed.stdout
    assert (archive / "archive.sqlite3").is_file()


def test_installed_copy_finds_its_icons_and_styles(installed: Path, tmp_path: Path) -> None:
    probe = (
        "from reader.gui import theme; r = theme.RESOURCES; "
        "print(r); assert (r / 'icons' / 'app.svg').is_file(); "
        "assert (r / 'styles' / 'light.qss').is_file()"
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(installed))


def test_parallax_without_a_command_opens_the_app_on_the_given_archive(
    installed: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "desk"
    env = {**_clean_env(), "PARALLAX_SETTINGS": str(tmp_path / "settings.ini")}
    app = subprocess.Popen(
        [str(installed / "bin" / "parallax"), f"--archive={archive}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = 60.0

        start = time.monotonic()
        while not (archive / "archive.sqlite3").exists() and time.monotonic() - start < deadline:
            assert app.poll() is None, app.communicate()[1]
            time.sleep(0.2)
        assert (archive / "archive.sqlite3").is_file()  # the window opened this archive
        time.sleep(1.0)
        assert app.poll() is None, "the app quit instead of showing its window"
    finally:
        app.terminate()
        app.wait(timeout=30)

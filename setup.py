"""Packaging beyond pyproject.toml: the top-level migrations/ and resources/ ship inside the wheel.

The source tree keeps them at the top (the product's layout); installed, they are the
packages `parallax_migrations` and `parallax_resources`, found by reader/bundled.py.
"""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["reader", "reader.*"]),
        "parallax_migrations",
        "parallax_resources",
    ],
    package_dir={"parallax_migrations": "migrations", "parallax_resources": "resources"},
    package_data={
        "reader.ingest": ["data/*.json"],
        "parallax_migrations": ["script.py.mako", "versions/*.py"],
        "parallax_resources": ["icons/*.svg", "styles/*.qss", "*.desktop"],
    },
)

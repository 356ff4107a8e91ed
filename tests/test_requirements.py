"""requirements.txt is an exact lock of requirements.in, and it is what is installed."""

from __future__ import annotations

import re
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from helpers import PROJECT_ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;#]+)")


def requirement_lines(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


def locked_versions() -> dict[str, str]:
    locked = {}
    for line in requirement_lines(PROJECT_ROOT / "requirements.txt"):
        if line == "-e .":
            continue
        match = PIN.match(line)
        assert match, f"requirements.txt line is not an exact pin: {line!r}"
        locked[canonicalize_name(match["name"])] = match["version"]
    return locked


def test_every_direct_dependency_is_locked_at_the_version_it_asks_for():
    locked = locked_versions()
    for line in requirement_lines(PROJECT_ROOT / "requirements.in"):
        if line == "-e .":
            continue
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is in requirements.in but not in requirements.txt: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements.txt locks {requirement.name}=={locked[name]}, which requirements.in ({line}) rejects: run `make lock`"
        )


def test_the_course_package_is_installed_editable_from_the_lock():
    assert "-e ." in list(requirement_lines(PROJECT_ROOT / "requirements.txt"))


def test_jupyter_book_is_the_1x_line():
    assert locked_versions()["jupyter-book"] == "1.0.4.post1"


def test_the_environment_matches_the_lock():
    mismatched = {}
    for name, version in locked_versions().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != version:
            mismatched[name] = f"locked {version}, installed {installed}"
    assert not mismatched, f"run `make book` to reinstall from requirements.txt: {mismatched}"

"""The sourcing rules' tuning numbers live in one documented settings object."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

import analysis.sourcing as sourcing
from analysis.sourcing.settings import SETTINGS, SourcingSettings

PACKAGE = Path(sourcing.__file__).parent


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SETTINGS.cue_reach = 10  # type: ignore[misc]


def test_every_setting_is_documented_and_used():
    tree = ast.parse((PACKAGE / "settings.py").read_text(encoding="utf-8"))
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "SourcingSettings"]
    documented = set()
    for field, after in zip(cls.body, cls.body[1:], strict=False):
        if isinstance(field, ast.AnnAssign) and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
            documented.add(field.target.id)  # type: ignore[union-attr]
    names = {f.name for f in dataclasses.fields(SourcingSettings)}
    assert names == documented, f"settings without a docstring: {sorted(names - documented)}"
    code = "".join(p.read_text(encoding="utf-8") for p in PACKAGE.glob("*.py") if p.name != "settings.py")
    unused = sorted(n for n in names if f"SETTINGS.{n}" not in code)
    assert not unused, f"settings no rule reads: {unused}"

"""The package imports its public names on first use: quick to import, and every name still there."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys

import analysis

from .conftest import ROOT, SEEDS


def _fresh_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_import_and_metrics_command_do_not_load_matplotlib_or_dask():
    seed = next(SEEDS.glob("*.txt"))
    loaded = "print(*(name in sys.modules for name in ('matplotlib', 'dask', 'distributed')))\n"
    code = (
        "import sys, analysis\n"
        f"{loaded}"
        "from analysis.cli import main\n"
        f"assert main(['metrics', {str(seed)!r}, '--format', 'jsonl', '--out', '/dev/null']) == 0\n"
        f"{loaded}"
    )
    assert _fresh_python(code).split() == ["False"] * 6  # Dask only with --engine dask


def test_every_public_name_resolves_to_its_module():
    for name in analysis.__all__:
        module = importlib.import_module(f"analysis.{analysis._MODULE_OF[name]}")
        assert getattr(analysis, name) is getattr(module, name), name
    assert set(analysis.__all__) == set(analysis._MODULE_OF)
    assert set(analysis.__all__) <= set(dir(analysis))


def test_type_checking_imports_name_the_same_modules():
    """What type checkers read (the TYPE_CHECKING imports, plus the eager chart_rows) is the run-time table."""
    tree = ast.parse((ROOT / "analysis" / "__init__.py").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            seen.update({alias.name: str(node.module) for alias in node.names})
    assert seen == analysis._MODULE_OF


def test_star_import_submodules_and_unknown_names():
    code = (
        "import analysis.chart_rows\n"  # the submodule first: the package's name must stay the function
        "import analysis as lens\n"
        "print(callable(lens.chart_rows))\n"
        "print(lens.plots.VOICE_COLOURS is lens.VOICE_COLOURS)\n"
        "from analysis import *\n"
        "print(all(name in globals() for name in lens.__all__))\n"
        "try:\n"
        "    lens.no_such_name\n"
        "except AttributeError as exc:\n"
        "    print('no_such_name' in str(exc))\n"
    )
    assert _fresh_python(code).split() == ["True", "True", "True", "True"]

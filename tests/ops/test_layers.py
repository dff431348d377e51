"""Dependencies point one way: cms → evaluations → tenders → needs → marketplace."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["marketplace", "needs", "tenders", "evaluations", "cms"]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names)
    return found & set(LAYERS)


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_earlier_layers(app):
    allowed = set(LAYERS[: LAYERS.index(app) + 1])
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - allowed)
        for path in (ROOT / app).rglob("*.py")
        if imported_apps(path) - allowed
    }
    assert wrong == {}


def test_the_check_sees_imports(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import tenders.models\nfrom cms.facts import x\nfrom .x import y\n")
    assert imported_apps(module) == {"tenders", "cms"}

"""The import direction between layers: adapters → services → banks/generator/db → domain.

Walks every module of the package with ``ast`` and checks each import against the rules of
DESIGN.md, so a shortcut (a view querying models, the domain importing YAML) fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quizapp"
WEB_LIBRARIES = {"flask", "flask_wtf", "flask_login", "flask_limiter", "wtforms"}

# layer -> the top-level names (``quizapp.x`` or a third-party package) it must not import.
FORBIDDEN: dict[str, set[str]] = {
    "domain": {
        "quizapp.banks",
        "quizapp.generator",
        "quizapp.db",
        "quizapp.services",
        "quizapp.web",
        "quizapp.cli",
        "quizapp.config",
        "sqlalchemy",
        "ruamel",
        "pydantic",
        "spacy",
        "click",
    }
    | WEB_LIBRARIES,
    "banks": {
        "quizapp.generator",
        "quizapp.db",
        "quizapp.services",
        "quizapp.web",
        "quizapp.cli",
        "sqlalchemy",
    }
    | WEB_LIBRARIES,
    "generator": {
        "quizapp.banks",
        "quizapp.db",
        "quizapp.services",
        "quizapp.web",
        "quizapp.cli",
        "sqlalchemy",
    }
    | WEB_LIBRARIES,
    "db": {"quizapp.banks", "quizapp.generator", "quizapp.services", "quizapp.web", "quizapp.cli"}
    | WEB_LIBRARIES,
    "services": {"quizapp.web", "quizapp.cli"} | WEB_LIBRARIES,
    "web": {"quizapp.cli", "quizapp.db.repo"},
}


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violates(name: str, forbidden: set[str]) -> bool:
    return any(name == rule or name.startswith(rule + ".") for rule in forbidden)


def layer_modules() -> list[tuple[str, Path]]:
    return [
        (layer, path) for layer in FORBIDDEN for path in sorted((PACKAGE / layer).rglob("*.py"))
    ]


@pytest.mark.parametrize(
    ("layer", "path"), layer_modules(), ids=lambda value: str(value).split("quizapp/")[-1]
)
def test_module_imports_only_from_lower_layers(layer: str, path: Path) -> None:
    bad = sorted(name for name in imported_names(path) if violates(name, FORBIDDEN[layer]))
    assert bad == [], f"{path.relative_to(PACKAGE.parent)} ({layer}) imports {bad}"


def test_web_views_do_not_query_models() -> None:
    """Views call services; only the session helper may touch the database layer."""
    allowed = {"quizapp.db.engine", "quizapp.db.schema", "quizapp.db.models"}
    for path in sorted((PACKAGE / "web").rglob("*.py")):
        for name in imported_names(path):
            if name.startswith("quizapp.db"):
                assert name in allowed, f"{path.name} imports {name}"
            # Building queries belongs to services.
            assert name != "sqlalchemy", f"{path.name} builds SQL itself"


def test_the_checker_catches_a_violation(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("import flask\nfrom quizapp.db.models import User\n", encoding="utf-8")
    names = imported_names(module)
    assert violates("flask", FORBIDDEN["domain"])
    assert any(violates(name, FORBIDDEN["banks"]) for name in names)


def test_every_layer_exists() -> None:
    for layer in [*FORBIDDEN, "generator"]:
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
    assert (PACKAGE / "cli.py").is_file()

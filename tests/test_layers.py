"""The import direction between layers: adapters → services → banks/generator/db → domain.

Walks every module of the package with ``ast`` and checks each import against the rules of
DESIGN.md, so a shortcut (a view querying models, the domain importing YAML) fails here. The
adapters (``web/``, ``cli/``) reach the models and the bank files only through services;
``config.py`` and ``errors.py`` sit under every layer, so they import the standard library only.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quizapp"
WEB_LIBRARIES = {"flask", "flask_wtf", "flask_login", "wtforms"}

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
    "web": {"quizapp.cli", "quizapp.db.models", "quizapp.db.repo", "quizapp.banks"},
    "cli": {"quizapp.db.models", "quizapp.db.repo"} | WEB_LIBRARIES,
}

# Modules every layer imports: they must import nothing of quizapp nor any installed package.
STDLIB_ONLY = ("config.py", "errors.py")
# The one web module the CLI may use: ``serve`` builds the app.
CLI_WEB_ENTRY = "quizapp.web.app"


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


def foreign_to_stdlib(names: set[str]) -> list[str]:
    return sorted(
        name
        for name in names
        if name != "__future__" and name.split(".")[0] not in sys.stdlib_module_names
    )


def test_cli_uses_the_web_app_only_to_serve_it() -> None:
    for path in sorted((PACKAGE / "cli").rglob("*.py")):
        web = {name for name in imported_names(path) if violates(name, {"quizapp.web"})}
        assert web <= {CLI_WEB_ENTRY}, f"{path.relative_to(PACKAGE.parent)} imports {sorted(web)}"


@pytest.mark.parametrize("module", STDLIB_ONLY)
def test_bottom_modules_import_only_the_standard_library(module: str) -> None:
    bad = foreign_to_stdlib(imported_names(PACKAGE / module))
    assert bad == [], f"quizapp/{module} imports {bad}"


def test_domain_imports_only_the_standard_library() -> None:
    """Third-party helpers (rapidfuzz's edit distance) are handed in by the layers above."""
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        names = {
            name
            for name in imported_names(path)
            if not violates(name, {"quizapp.domain", "quizapp.errors"})
        }
        bad = foreign_to_stdlib(names)
        assert bad == [], f"{path.relative_to(PACKAGE.parent)} imports {bad}"


def test_web_views_do_not_query_models() -> None:
    """Views call services; only the session helper may touch the database layer."""
    allowed = {"quizapp.db.engine", "quizapp.db.schema"}
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
    assert any(violates(name, FORBIDDEN["web"]) for name in names)
    assert foreign_to_stdlib(names) == ["flask", "quizapp.db.models"]


def test_the_checker_sees_an_import_made_for_type_checking_only(tmp_path: Path) -> None:
    module = tmp_path / "errors.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from quizapp.banks import Issue\n",
        encoding="utf-8",
    )
    assert foreign_to_stdlib(imported_names(module)) == ["quizapp.banks"]


def test_every_layer_exists() -> None:
    for layer in [*FORBIDDEN, "generator"]:
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
    for module in STDLIB_ONLY:
        assert (PACKAGE / module).is_file(), module

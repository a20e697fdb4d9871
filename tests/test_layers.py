"""The import contract of the layers: data flows one way, no module imports a layer above its own.

Layers, bottom to top (a module may import its own layer and the layers below)::

    foundation  errors, error_texts, options, schema, util, words, messages, config, reference
    sources     sources (importers, downloaders), synthetic (writes files the way sources do)
    store       store (the workspace)
    analysis    indicators, claims, opportunities, monitor, roadmap, deals
    answers     answers
    reports     reports
    adapters    cli, web, demo

Checked by walking every module's AST (no import-linter dependency): every ``import`` and
``from ... import`` outside an ``if TYPE_CHECKING:`` block, at module level or inside a
function, counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import corridor

PACKAGE = Path(corridor.__file__).parent

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "error_texts", "options", "schema", "util", "words", "messages", "config", "engines", "reference", "__init__"),
    ("sources", "synthetic"),
    ("store",),
    ("indicators", "claims", "opportunities", "monitor", "roadmap", "deals"),
    ("answers",),
    ("reports",),
    ("cli", "web", "demo"),
)
LEVEL = {part: i for i, parts in enumerate(LAYERS) for part in parts}

#: Declared temporary exceptions (importer module, imported module) with the reason; each is
#: checked to still exist, so that a fixed one is removed from here.
EXCEPTIONS: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _imports(path: Path) -> set[str]:
    """The corridor modules ``path`` imports at run time."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("corridor"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("corridor"):
                if node.module is None or target == "corridor":  # from .. import reference
                    found.update(f"{target}.{a.name}" for a in node.names)
                else:
                    found.add(target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _edges() -> list[tuple[str, str]]:
    return [(_module_name(path), target) for path in sorted(PACKAGE.rglob("*.py")) for target in _imports(path)]


def test_every_package_has_a_layer() -> None:
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    assert parts <= set(LEVEL), f"put these in a layer of tests/test_layers.py: {sorted(parts - set(LEVEL))}"


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = sorted({(a, b) for a, b in _edges()
                     if _part(b) in LEVEL and LEVEL[_part(b)] > LEVEL[_part(a)] and (a, b) not in EXCEPTIONS})
    assert not upward, "upward imports:\n" + "\n".join(f"  {a} -> {b}" for a, b in upward)


def test_the_declared_exceptions_still_exist() -> None:
    edges = set(_edges())
    gone = [e for e in EXCEPTIONS if e not in edges]
    assert not gone, f"fixed: remove from EXCEPTIONS: {gone}"


def test_the_walk_sees_function_level_and_relative_imports() -> None:
    imports = _imports(PACKAGE / "cli" / "common.py")
    assert "corridor.answers.registry" in imports and "corridor.errors" in imports

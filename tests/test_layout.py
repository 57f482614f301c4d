"""The package's layout keeps its promises: no import cycles, a core that knows nothing of MkDocs,
and a runtime (plugin, CLI) that never loads the test-only synthetic generator."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import mkdocs_pohon_plugin

PACKAGE = Path(mkdocs_pohon_plugin.__file__).resolve().parent
NAME = "mkdocs_pohon_plugin"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = [NAME, *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _resolve(module: str, level: int, name: str | None) -> str:
    if level == 0:
        return name or ""
    base = module.split(".") if _is_package(module) else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _imports(module: str, *, top_level_only: bool) -> set[str]:
    """The package's modules that ``module`` imports (at import time when ``top_level_only``)."""
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    statements: list[ast.stmt] = []
    if top_level_only:
        for stmt in tree.body:
            if isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.unparse(stmt.test):
                continue
            statements.append(stmt)
        nodes = _outside_functions(statements)
    else:
        nodes = list(ast.walk(tree))
    targets: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node.level, node.module)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                targets.add(full if full in MODULES else base)
    return {t for t in targets if t.startswith(NAME)}


def _outside_functions(statements: list[ast.stmt]) -> list[ast.AST]:
    """The nodes under ``statements`` that do not sit inside a function body (imported lazily),
    found in one walk that does not enter functions."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = list(statements)
    while todo:
        node = todo.pop()
        found.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            todo.extend(ast.iter_child_nodes(node))
    return found


def test_no_import_cycles_between_modules() -> None:
    graph = {m: _imports(m, top_level_only=True) & set(MODULES) for m in MODULES}
    # A package's __init__ may re-export its submodules; a cycle through an __init__ alone is not
    # a cycle between modules, so edges into packages are left out.
    graph = {m: {t for t in targets if not _is_package(t)} for m, targets in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_core_imports_nothing_from_mkdocs() -> None:
    offenders = []
    for module, path in MODULES.items():
        if not module.startswith(f"{NAME}.core"):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [
                f"{module}: {n}" for n in names if n.split(".")[0] in ("mkdocs", "material")
            ]
    assert not offenders, offenders


def test_only_tests_and_benchmarks_import_the_synthetic_generator() -> None:
    testing = f"{NAME}.testing"
    users = [
        module
        for module in MODULES
        if not module.startswith(testing)
        and any(t.startswith(testing) for t in _imports(module, top_level_only=False))
    ]
    assert not users, f"runtime modules import the test-only generator: {users}"
    code = (
        "import sys\n"
        "import mkdocs_pohon_plugin.cli, mkdocs_pohon_plugin.plugin\n"
        "from mkdocs_pohon_plugin.core.site import SiteBuild\n"
        "loaded = [m for m in sys.modules if m.startswith('mkdocs_pohon_plugin.testing')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

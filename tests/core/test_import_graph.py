"""No import cycle among the modules under tui/.

The graph is built statically with `ast` from the imports that run when a module is imported:
module level, class bodies and module-level `if`/`try` blocks, but not function bodies (a
deferred import is how a module breaks a cycle on purpose) and not `if TYPE_CHECKING:` blocks
(they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import tui

ROOT = Path(tui.__file__).parent


def module_names(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> its file, for every module under `root`."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _run_at_import(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                found += _run_at_import(node.body)
            found += _run_at_import(node.orelse)
        else:  # class bodies, try, with, for, while, match: all run at import
            inner = [*getattr(node, "body", []), *getattr(node, "orelse", []),
                     *getattr(node, "finalbody", [])]
            for holder in (*getattr(node, "handlers", []), *getattr(node, "cases", [])):
                inner += holder.body
            found += _run_at_import(inner)
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules under tui/ that importing `name` (whose file is `path`) imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in _run_at_import(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
            continue
        if node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            targets.add(submodule if submodule in known else source)
    return {target for target in targets if target in known and target != name}


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    modules = module_names(root)
    known = set(modules)
    return {name: imports_of(name, path, known) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as [a, b, ..., a], or None."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        stack = [(start, iter(sorted(graph[start])))]
        path.append(start)
        on_path.add(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif child in on_path:
                return [*path[path.index(child):], child]
            elif child not in done:
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)
                on_path.add(child)
    return None


def test_the_graph_sees_the_import_forms_in_use() -> None:
    graph = import_graph()
    assert "tui.core.model" in graph["tui.core.records"]  # from tui.core.model import …
    assert "tui.cli" in graph["tui.__main__"]


def test_a_cycle_is_found_and_named(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("from .. import c\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from pkg import a\n"
        "def later():\n    from pkg import a\n"
    )
    assert find_cycle(import_graph(package)) is None
    (package / "c.py").write_text("try:\n    import pkg.a\nexcept ImportError:\n    pass\n")
    assert find_cycle(import_graph(package)) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]


def test_no_import_cycle_under_tui() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])

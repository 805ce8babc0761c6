"""`_core.pyi` is hand-written: it must name exactly what the native module exports."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from provenance import _core

STUB = Path(_core.__file__).with_name("_core.pyi")


def stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


def test_stub_names_every_export_and_nothing_else() -> None:
    stubbed = set()
    for node in stub_tree().body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            stubbed.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stubbed.add(node.target.id)
    exported = {name for name in dir(_core) if not name.startswith("__") or name == "__version__"}
    assert exported == stubbed


def test_stub_classes_match_their_runtime_members() -> None:
    for node in stub_tree().body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(_core, node.name)
        if issubclass(cls, BaseException):
            continue
        stubbed = {n.name for n in node.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
        public = {name for name in dir(cls) if not name.startswith("_")}
        assert public == stubbed, node.name


def test_stub_functions_take_the_runtime_keywords() -> None:
    for node in stub_tree().body:
        if not isinstance(node, ast.FunctionDef):
            continue
        runtime = inspect.signature(getattr(_core, node.name))
        stubbed = [a.arg for a in node.args.args + node.args.kwonlyargs]
        assert stubbed == list(runtime.parameters), node.name

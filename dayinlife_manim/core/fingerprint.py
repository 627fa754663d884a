"""Fingerprints of Python sources, for cache keys and watch mode: a folder's sources, a scene
module and the modules it imports from its own folder, a class and the code around it."""

from __future__ import annotations

import ast
import functools
import hashlib
import inspect
import threading
from pathlib import Path

from .fsutil import file_sha

#: This package's folder.
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def sha_hex(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


_AST_LOCK = threading.Lock()


def parse_python(source: str) -> ast.Module:
    """``ast.parse``, one thread at a time (Python 3.11's parser state is shared between threads)."""
    with _AST_LOCK:
        return ast.parse(source)


def sources_fingerprint(folder: Path = PACKAGE_DIR, skip: frozenset[str] = frozenset()) -> str:
    """A hash of the Python sources under ``folder`` (names and bytes), but those in ``skip``
    (paths relative to ``folder``, of a file or a whole folder); read afresh on every call."""
    h = hashlib.sha256()
    for f in sorted(Path(folder).rglob("*.py")):
        rel = f.relative_to(folder)
        if not any(rel == Path(s) or Path(s) in rel.parents for s in skip):
            h.update(str(rel).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def _local_imports(path: Path) -> set[str]:
    """Top-level module names imported by the Python file ``path``."""
    try:
        tree = parse_python(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def module_sources(path: Path) -> dict[str, bytes]:
    """The scene module's source and those of the modules it imports from its own folder (recursively)."""
    path = Path(path).resolve()
    folder = path.parent
    found: dict[str, bytes] = {}
    todo = [path]
    while todo:
        file = todo.pop()
        rel = file.relative_to(folder).as_posix()
        if rel in found:
            continue
        found[rel] = file.read_bytes()
        for name in _local_imports(file):
            if (folder / f"{name}.py").is_file():
                todo.append(folder / f"{name}.py")
            elif (folder / name / "__init__.py").is_file():
                todo.extend(sorted((folder / name).rglob("*.py")))
    return found


def _module_parts(path: str) -> tuple[str, dict[str, str]]:
    """(module source without its top-level classes, {class name: class source})."""
    return _parse_module(Path(path).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=64)
def _parse_module(source: str) -> tuple[str, dict[str, str]]:
    tree = parse_python(source)
    lines = source.splitlines(keepends=True)
    classes: dict[str, str] = {}
    keep = [True] * len(lines)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            classes[node.name] = "".join(lines[start : node.end_lineno])
            for i in range(start, node.end_lineno):
                keep[i] = False
    rest = "".join(line for line, k in zip(lines, keep) if k)
    return rest, classes


def class_fingerprint(cls: type) -> str:
    """A hash of ``cls``'s source, its bases' from the same module and that module's other code."""
    try:
        path = inspect.getsourcefile(cls)
    except TypeError:
        path = None
    if path is None:
        return sha_hex(repr(cls).encode())
    rest, classes = _module_parts(path)
    own = [classes.get(k.__name__, "") for k in cls.__mro__ if k.__module__ == cls.__module__]
    helpers = helpers_fingerprint(path)
    return sha_hex((rest + "\0".join(own) + (f"\0{helpers}" if helpers else "")).encode())


def helpers_fingerprint(path: str) -> str:
    """A hash of the modules a scene module imports from its own folder (its helpers), if any."""
    path = Path(path).resolve()
    if PACKAGE_DIR in path.parents:
        return ""  # this package's own modules: see package_fingerprint
    helpers = local_modules(path)[1:]
    return sha_hex("".join(f"{h.name}:{file_sha(h)}" for h in helpers).encode()) if helpers else ""


def local_modules(module: Path) -> list[Path]:
    """``module`` and the modules it imports from its own folder (recursively), as files."""
    module = Path(module).resolve()
    return [module.parent / rel for rel in module_sources(module)]

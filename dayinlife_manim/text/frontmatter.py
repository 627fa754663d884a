"""A script's front matter: a YAML block between ``---`` lines at the very top.

::

    ---
    quality: low
    captions: sentence
    theme: {background: "#ffffff"}
    pronounce:
      SQL: sequel
    ---
    The first paragraph...

:func:`split_front_matter` cuts it off the text before paragraphs are parsed
and keeps the file line of every key, for error messages.  Every scalar is
read as the string written (YAML's own typing is not used: ``16:9`` stays
``"16:9"``, ``no`` stays ``"no"``); the option types of ``options.py`` check
and convert the values, exactly as they do the command line's.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.errors import UserError

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


class FrontMatter(dict):
    """The front matter's keys and values; ``lines`` maps each key (``"theme"``, and
    ``"theme.background"`` inside a mapping) to its 1-based line in the file."""

    def __init__(self, data: dict[str, Any] | None = None, lines: dict[str, int] | None = None) -> None:
        super().__init__(data or {})
        self.lines: dict[str, int] = dict(lines or {})

    def line(self, key: str) -> int:
        """The line of ``key`` (a dotted path), else of the nearest mapping holding it, else 1."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return 1


def split_front_matter(text: str, label: str = "script") -> tuple[FrontMatter, str, int]:
    """``(front matter, body, first_body_line)`` of a script's ``text``.

    Without a front matter block (the first line, after a byte-order mark, is
    not ``---``) this is ``(empty, text, 1)``: the text is untouched.
    ``first_body_line`` is the 1-based line of ``body``'s first line in the file.
    A block that is not closed, is not YAML or is not a mapping is a
    :class:`UserError` naming ``label`` and the line.
    """
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return FrontMatter(), text, 1
    for end in range(1, len(lines)):
        if _CLOSE.match(lines[end].rstrip("\r\n")):
            break
    else:
        raise UserError(f"{label}:1: the front matter opened by '---' has no closing '---' line")
    data = _parse("".join(lines[1:end]), label, first_line=2)
    return data, "".join(lines[end + 1 :]), end + 2


def _parse(block: str, label: str, first_line: int) -> FrontMatter:
    import yaml

    try:
        node = yaml.compose(block, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UserError(f"{label}:{line}: the front matter is not valid YAML ({problem})") from None
    if node is None:
        return FrontMatter()
    if not isinstance(node, yaml.MappingNode):
        raise UserError(f"{label}:{first_line + node.start_mark.line}: the front matter must be 'key: value' lines")
    lines: dict[str, int] = {}
    data = _mapping(node, "", lines, label, first_line)
    return FrontMatter(data, lines)


def _mapping(node, prefix: str, lines: dict[str, int], label: str, first_line: int) -> dict[str, Any]:
    import yaml

    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            raise UserError(f"{label}:{line}: a front matter key must be a plain word")
        key = key_node.value
        path = f"{prefix}{key}"
        if key in out:
            raise UserError(f"{label}:{line}: {path!r} is set twice")
        lines[path] = line
        out[key] = _value(value_node, f"{path}.", lines, label, first_line)
    return out


def _value(node, prefix: str, lines: dict[str, int], label: str, first_line: int) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return _mapping(node, prefix, lines, label, first_line)
    if isinstance(node, yaml.SequenceNode):
        return [_value(n, prefix, lines, label, first_line) for n in node.value]
    return node.value

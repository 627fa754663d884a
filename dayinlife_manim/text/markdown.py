"""Markdown scripts: headings, lists, quotes, code and emphasis read with `markdown-it-py` (MIT).

The document becomes a list of :class:`Block`: the ``#`` title, then
paragraphs, lists, quotes and code blocks, each with the ``##``/``###``
section it falls under.  Inline marks never reach the screen or the voice:
``**strong**``, ``*em*`` and ```code``` become the private-use markers
below around their text (the script model turns them into emphasis spans),
``[text](url)`` becomes its text, HTML comments (the author's notes) vanish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: Markers around emphasised text inside block text (private-use characters, never typed).
STRONG_OPEN, STRONG_CLOSE = "\ue000", "\ue001"
EM_OPEN, EM_CLOSE = "\ue002", "\ue003"
CODE_OPEN, CODE_CLOSE = "\ue004", "\ue005"
OPENERS = STRONG_OPEN + EM_OPEN + CODE_OPEN
CLOSERS = STRONG_CLOSE + EM_CLOSE + CODE_CLOSE
STYLE_OF = {STRONG_OPEN: "strong", EM_OPEN: "em", CODE_OPEN: "code"}
CLOSE_OF = {STRONG_CLOSE: "strong", EM_CLOSE: "em", CODE_CLOSE: "code"}

_MARKDOWN_SIGNS = (
    re.compile(r"^\s{0,3}#{1,6}\s+\S", re.M),  # headings
    re.compile(r"^\s{0,3}[-*+]\s+\S", re.M),  # bullets
    re.compile(r"^\s{0,3}\d{1,3}[.)]\s+\S", re.M),  # numbered items
    re.compile(r"^\s{0,3}>\s", re.M),  # quotes
    re.compile(r"^\s{0,3}(```|~~~)", re.M),  # fences
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),  # strong
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # links
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"<!--.*?-->", re.S),  # comments
    re.compile(r"^\s{0,3}#{2,6}\s+\S", re.M),  # section headings
)


@dataclass(frozen=True)
class Block:
    """One block of a Markdown script: ``kind`` is title, paragraph, list, quote or code."""

    kind: str
    texts: tuple[str, ...]  # a paragraph's or quote's text; one per list item; the code's lines
    section: str = ""  # the ``##``/``###`` heading it falls under ("" before the first)
    line: int = 1  # 1-based line where it starts


def is_markdown(text: str, path: Path | str | None = None) -> bool:
    """True for a ``.md``/``.markdown`` file, or a text that clearly uses Markdown:
    three signs of it (headings, bullets, quotes, fences, ``**``, links, inline code,
    comments), or a fence, a link, ``**strong**`` or a ``##`` heading at all.  A leading ``# Title``
    alone is not enough (plain scripts may have one)."""
    if path is not None and Path(path).suffix.lower() in (".md", ".markdown"):
        return True
    found = [bool(p.search(text)) for p in _MARKDOWN_SIGNS]
    strong_sign = found[4] or found[5] or found[6] or found[9]
    return strong_sign or sum(found) >= 3


def parse_markdown(text: str) -> list[Block]:
    """The blocks of Markdown ``text``, in order."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    section = ""
    title_taken = False
    stack: list[str] = []  # open lists and quotes, outermost first: the outermost one makes the block
    items: list[str] = []
    quote: list[str] = []
    start_line = 1
    pending_heading: tuple[int, int] | None = None  # (level, line) of a heading_open
    for k, tok in enumerate(tokens):
        line = (tok.map[0] + 1) if tok.map else 1
        if tok.type == "heading_open":
            pending_heading = (int(tok.tag[1:]), line)
        elif tok.type == "inline" and pending_heading is not None:
            level, hline = pending_heading
            pending_heading = None
            heading = _plain(_inline(tok))
            if (level == 1 or k == 1) and not title_taken and not blocks:  # "#", or a heading opening the script
                blocks.append(Block("title", (heading,), "", hline))
                title_taken = True
            else:
                section = heading
        elif tok.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            if not stack:
                items, quote, start_line = [], [], line
            stack.append("quote" if tok.type == "blockquote_open" else "list")
        elif tok.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            outer = stack[0]
            stack.pop()
            if not stack:
                if outer == "list" and items:
                    blocks.append(Block("list", tuple(items), section, start_line))
                elif outer == "quote" and quote:
                    blocks.append(Block("quote", (" ".join(quote),), section, start_line))
        elif tok.type == "inline":
            content = _inline(tok)
            if not content.strip():
                continue
            if stack and stack[0] == "list":
                items.append(content)
            elif stack:
                quote.append(content)
            else:
                blocks.append(Block("paragraph", (content,), section, line))
        elif tok.type in ("fence", "code_block") and not stack:
            lines = tuple(tok.content.rstrip("\n").split("\n"))
            if any(s.strip() for s in lines):
                blocks.append(Block("code", lines, section, line))
        elif tok.type == "html_block":
            continue  # comments and raw HTML are the author's notes
    return blocks


def _inline(tok) -> str:
    """Inline children as text with emphasis markers; links as their text; comments dropped."""
    out: list[str] = []
    for child in tok.children or []:
        t = child.type
        if t == "text":
            out.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            out.append(" ")
        elif t == "strong_open":
            out.append(STRONG_OPEN)
        elif t == "strong_close":
            out.append(STRONG_CLOSE)
        elif t == "em_open":
            out.append(EM_OPEN)
        elif t == "em_close":
            out.append(EM_CLOSE)
        elif t == "code_inline":
            out.append(f"{CODE_OPEN}{child.content}{CODE_CLOSE}")
        elif t == "image":
            out.append(child.content or "")  # its alt text
        # link_open/link_close: the text between them stays; html_inline (comments, tags) goes
    return "".join(out)


def _plain(text: str) -> str:
    """Text without the emphasis markers."""
    return re.sub(f"[{OPENERS}{CLOSERS}]", "", text).strip()


__all__ = ["Block", "is_markdown", "parse_markdown"]

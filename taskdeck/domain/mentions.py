"""@mentions in Markdown: which names a text mentions (who they are is the services' job)."""

from __future__ import annotations

import re
from typing import Final

MAX_MENTION_TOKENS: Final = 200
"""At most this many distinct names are looked up per text."""

_FENCE: Final = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN: Final = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
# `@name` not preceded by a character that would make it part of an address or a word
# (`ann@example.com`, `a/@b`), and not followed by one (`@ann@example.com` is an address).
_MENTION: Final = re.compile(r"(?<![\w@.+\-/`])@([\w.+\-]+)(?![\w@])")


def _without_code(text: str) -> str:
    """The text with fenced code blocks and inline code spans blanked out."""
    kept: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        else:
            kept.append(line)
            continue
        kept.append("")
    return _CODE_SPAN.sub(" ", "\n".join(kept))


def mention_tokens(text: str) -> list[str]:
    """The names after `@` in the text, outside code, each once, in order of appearance.

    A name is what may stand before the `@` of an email address or be a user id: letters,
    digits, `.`, `_`, `+` and `-` (a trailing `.` ends the sentence, not the name).
    """
    if "@" not in text:
        return []
    found: dict[str, None] = {}
    for match in _MENTION.finditer(_without_code(text)):
        name = match.group(1).rstrip(".")
        if name:
            found.setdefault(name, None)
            if len(found) >= MAX_MENTION_TOKENS:
                break
    return list(found)

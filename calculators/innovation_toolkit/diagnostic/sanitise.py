"""Text a user typed, made safe to show: in a one-line message, and in Markdown that may be pasted anywhere.

:func:`plain_text` drops control characters (ANSI escapes such as ESC[2J start with one),
bidirectional overrides and other invisible formatting characters and folds line breaks
into spaces. :func:`markdown_text` also escapes everything Markdown or HTML could read as
markup, so a name such as ``<script>``, ``<img onerror=…>`` or ``[x](javascript:…)`` is
shown as the characters typed, never as a tag, an image or a link.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters escaped with a backslash anywhere in the text: those that can start or end
#: inline markup (emphasis, code, links, images, table cells, strikethrough) and the ``:``
#: and ``@`` that GitHub's autolinks look for (``https://…``, ``javascript:…``, e-mail).
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]()!|~:@])")
#: ``www.`` also starts an autolink; a line-starting ``#``, ``+``, ``-``, ``=``, ``>`` or
#: ``1.`` would start a block.
_AUTOLINK_WWW = re.compile(r"(?i)(www)\.")
_BLOCK_START = re.compile(r"^([#+\-=>]|\d+[.)])")
_SPACES = re.compile(r"\s+")


def plain_text(value, limit: int | None = None) -> str:
    """``value`` as one line of visible text: no control, bidirectional or other format characters.

    Line breaks and tabs become spaces; the zero-width joiner (emoji sequences) is kept;
    with ``limit`` the text is cut to that many characters, ending "…".

    >>> plain_text("Ann\\x1b[2J\\u202eLee\\nSmith")
    'Ann[2JLee Smith'
    >>> plain_text("a" * 50, 10)
    'aaaaaaaaa…'
    """
    text = value if isinstance(value, str) else "" if value is None else str(value)
    if limit is not None:
        text = text[: limit * 2 + 1]  # enough to fill ``limit`` after dropping characters
    kept = []
    for character in text:
        if character in "\n\r\t\v\f\x85\u2028\u2029":
            kept.append(" ")
        elif unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co", "Cn") and character != "\u200d":
            continue
        else:
            kept.append(character)
    text = _SPACES.sub(" ", "".join(kept)).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def markdown_text(value, limit: int | None = None) -> str:
    """``value`` (a name, role or service the user typed) as Markdown that renders as exactly that text.

    HTML's ``&``, ``<`` and ``>`` become entities and Markdown's punctuation is escaped with
    a backslash, so no tag, link, autolink, image, emphasis or table cell can start inside
    it; ordinary text (``St. Mary's, Leeds``) is left as it was.

    >>> markdown_text("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert\\\\(1\\\\)&gt;'
    >>> markdown_text("[x](javascript:alert(1))")
    '\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    """
    text = plain_text(value, limit)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    text = _AUTOLINK_WWW.sub(r"\1\\.", text)
    return _BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match) -> str:
    """``# x`` → ``\\# x``, ``1. x`` → ``1\\. x``: the text cannot start a heading, list or quote."""
    start = match.group(1)
    return start[:-1] + "\\" + start[-1]

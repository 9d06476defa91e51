"""Turn what the user gave (pasted text or a file's bytes) into text, naming the encoding.

Spreadsheets save "CSV" in whatever their platform prefers: UTF-8 (with or without a byte
order mark), UTF-16 for Excel's "Unicode text", and Windows-1252 for Excel's plain "CSV"
on Windows. The rule, in order:

1. a byte order mark decides (UTF-8, UTF-16 little- or big-endian);
2. UTF-16 without a mark is recognised by its zero bytes at every other position;
3. other zero bytes mean a binary file, refused; workbooks (.xlsx, .ods, old .xls) are
   recognised by their first bytes and refused with how to save them as CSV;
4. text that is valid UTF-8 is UTF-8 (a Windows-1252 file with accented names is almost
   never valid UTF-8, so this test does not misfire);
5. anything else is read as Windows-1252 (Latin-1 for the five bytes Windows-1252 leaves
   undefined), and the result says so.
"""

from __future__ import annotations

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits

#: What each encoding is called in notes, and where it usually comes from.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with a byte order mark",
    "utf-16-le": 'UTF-16 (little-endian, Excel\'s "Unicode text")',
    "utf-16-be": "UTF-16 (big-endian)",
    "cp1252": 'Windows-1252 (Excel\'s "CSV" on Windows)',
    "latin-1": "Latin-1 (ISO 8859-1)",
}
_WORKBOOKS = (
    (b"PK\x03\x04", "a zip file or a workbook (Excel .xlsx, LibreOffice .ods)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel workbook (.xls)"),
)


def decode_input(data: object, what: str = "input") -> tuple[str, str | None]:
    """Return ``(text, encoding)``: ``encoding`` is a key of :data:`ENCODING_NAMES`, or None for text given as ``str``.

    >>> decode_input("Zoë,Ann".encode("cp1252"))
    ('Zoë,Ann', 'cp1252')
    >>> decode_input("\\ufeffAnn,Bob".encode("utf-16-le"))
    ('Ann,Bob', 'utf-16-le')
    """
    encoding = None
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        if len(raw) > limits.MAX_CHARACTERS:
            raise InputError(too_big(what, len(raw)))
        text, encoding = _decode_bytes(raw, what)
    elif isinstance(data, str):
        text = data
    else:
        raise InputError(f"{what} must be text, not {type(data).__name__}")
    return check_text(text, what), encoding


def _decode_bytes(raw: bytes, what: str) -> tuple[str, str]:
    for magic, kind in _WORKBOOKS:
        if raw.startswith(magic):
            raise InputError(f"{what} looks like {kind}: save the sheet as CSV (CSV UTF-8 if offered) and try again")
    encoding: str | None
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if raw[0] == 0xFF else "utf-16-be"
        raw = raw[2:]
    else:
        encoding = _utf16_without_mark(raw[:8192])
    if encoding is None:
        if b"\x00" in raw[:8192]:
            line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
            raise InputError(f"{what} contains a NUL byte: this looks like a binary file, not text", line=line)
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return raw.decode("latin-1"), "latin-1"
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError as error:
        raise InputError(f"{what} is not valid {ENCODING_NAMES[encoding]} text (byte {error.start + 1}): save it as CSV UTF-8") from None


def _utf16_without_mark(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when zero bytes sit at every other position (mostly ASCII text), else None."""
    if len(head) < 8 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def check_text(text: str, what: str = "input") -> str:
    """Return ``text`` or raise ``InputError`` for empty, oversized or binary-looking text.

    >>> check_text("Ann,Bob")
    'Ann,Bob'
    """
    if len(text) > limits.MAX_CHARACTERS:
        raise InputError(too_big(what, len(text)))
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.startswith("PK\x03\x04"):
        raise InputError(f"{what} looks like a zip file or a workbook (Excel .xlsx, LibreOffice .ods): save the sheet as CSV and try again")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise InputError(f"{what} contains a NUL byte: this looks like a binary file, not text", line=line)
    head = text[:4096]
    if head:
        odd = sum(1 for ch in head if (ch < " " and ch not in "\t\r\n") or ch == "\ufffd")
        if odd * 10 > len(head):
            raise InputError(f"{what} looks like a binary file ({odd} control characters in the first {len(head)})")
    if not text.strip():
        raise InputError(f"{what} is empty: enter one tie per line, e.g. 'Ann, Bob'")
    return text


def too_big(what: str, size: int) -> str:
    return (
        f"{what} is too large ({size / 1_000_000:.1f} million characters; the limit is "
        f"{limits.MAX_CHARACTERS // 1_000_000} million): the engine handles up to "
        f"{limits.MAX_PEOPLE:,} people and {limits.MAX_TIES:,} ties"
    )


def encoding_note(encoding: str | None, what: str) -> str | None:
    """The sentence for the result when ``encoding`` is not plain UTF-8, else None."""
    if encoding in (None, "utf-8", "utf-8-sig"):
        return None
    guessed = encoding in ("cp1252", "latin-1")
    return f"{what[0].upper() + what[1:]} was read as {ENCODING_NAMES[encoding]}" + (
        " because it is not valid UTF-8: if accented names look wrong, save the file as CSV UTF-8" if guessed else ""
    )

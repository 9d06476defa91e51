"""Regenerate the derived encoding variants in ``encodings/`` from one published file.

Original: ``gephi/edges-complex-matrix.csv`` -- Gephi's own edge-table export
(``Source,Target,Type,Label,Weight``), UTF-8 without a byte-order mark, LF line
endings, no final newline.  Taken unchanged from gephi/gephi (see corpus.json).
One of its names, "Jean-François Rime", has a non-ASCII letter; every name fits
Windows-1252, so every variant below can hold the same data.

Run from anywhere:  python tests/network/corpus/derive.py
The output is deterministic: the same original always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORIGINAL = HERE / "gephi" / "edges-complex-matrix.csv"
OUT = HERE / "encodings"


def _rows() -> list[list[str]]:
    text = ORIGINAL.read_bytes().decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def _table(rows: list[list[str]], delimiter: str, newline: str) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buf.getvalue()


def build() -> dict[str, bytes]:
    """Return {file name under encodings/: exact bytes}."""
    original = ORIGINAL.read_bytes()
    rows = _rows()
    tab_crlf = _table(rows, "\t", "\r\n")
    comma_crlf = _table(rows, ",", "\r\n")
    semi_crlf = "sep=;\r\n" + _table(rows, ";", "\r\n")
    return {
        # Byte-for-byte the original with a UTF-8 BOM in front (as Excel's "CSV UTF-8").
        "complex-matrix-utf8-bom.csv": b"\xef\xbb\xbf" + original,
        # Excel "Unicode text": UTF-16 little-endian with BOM, tab-separated, CRLF.
        "complex-matrix-utf16le-bom.txt": b"\xff\xfe" + tab_crlf.encode("utf-16-le"),
        # Same table, UTF-16 big-endian with BOM, tab-separated, CRLF.
        "complex-matrix-utf16be-bom.txt": b"\xfe\xff" + tab_crlf.encode("utf-16-be"),
        # Excel "CSV (Comma delimited)" on a Western-European Windows: cp1252, comma, CRLF.
        "complex-matrix-cp1252.csv": comma_crlf.encode("cp1252"),
        # Excel with a ';' list separator, plus the "sep=;" hint line: cp1252, ';', CRLF.
        "complex-matrix-cp1252-sep-semicolon.csv": semi_crlf.encode("cp1252"),
    }


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, data in build().items():
        (OUT / name).write_bytes(data)
        print(f"wrote encodings/{name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()

"""A tiny PDF writer for tests, so fixtures are made on the fly instead of committed as binaries.

Only what the ingest tests need: Helvetica text (WinAnsi) at given positions, filled rectangles
(a stand-in for a scanned page with no text layer), an Info title and a correct xref table.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: ``(x, y_from_top, text, font_size)``: the text's left edge and baseline, in points from the
#: page's top-left corner.
TextItem = tuple[float, float, str, float]
#: ``(x, y_from_top, width, height)`` of a filled rectangle.
RectItem = tuple[float, float, float, float]

LETTER = (612.0, 792.0)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _num(value: float) -> bytes:
    return (f"{value:.3f}".rstrip("0").rstrip(".") or "0").encode()


def make_pdf_bytes(
    pages: Sequence[Sequence[TextItem]],
    *,
    page_size: tuple[float, float] = LETTER,
    rects: Sequence[Sequence[RectItem]] | None = None,
    title: str | None = None,
    rotate: int = 0,
) -> bytes:
    """The bytes of a PDF with one page per entry of ``pages``."""
    width, height = page_size
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids: list[int] = []
    for index, items in enumerate(pages):
        ops: list[bytes] = []
        for x, y, w, h in rects[index] if rects and index < len(rects) else ():
            ops.append(
                b"0.5 g %s %s %s %s re f" % (_num(x), _num(height - y - h), _num(w), _num(h))
            )
        for x, y, text, size in items:
            ops.append(
                b"BT /F1 %s Tf 1 0 0 1 %s %s Tm %s Tj ET"
                % (_num(size), _num(x), _num(height - y), _pdf_string(text))
            )
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        rotation = b" /Rotate %d" % rotate if rotate else b""
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >>%s >>"
                % (tree, _num(width), _num(height), content, font, rotation)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info = add(b"<< /Title %s >>" % _pdf_string(title)) if title is not None else None

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


def make_pdf(
    path: str | Path,
    pages: Sequence[Sequence[TextItem]],
    *,
    page_size: tuple[float, float] = LETTER,
    rects: Sequence[Sequence[RectItem]] | None = None,
    title: str | None = None,
    rotate: int = 0,
    encrypt: str | None = None,
) -> Path:
    """Write the PDF to ``path``; with ``encrypt``, protect it with that user password (pypdf)."""
    path = Path(path)
    data = make_pdf_bytes(pages, page_size=page_size, rects=rects, title=title, rotate=rotate)
    if encrypt is not None:
        from io import BytesIO

        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
        writer.encrypt(encrypt, algorithm="AES-128")
        buffer = BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
    path.write_bytes(data)
    return path

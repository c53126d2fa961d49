"""Print a plan agreement (app.client.agreement) to PDF with Qt's own writer, and render a
PDF page to PNG (screenshots, previews).

`write_agreement_pdf` lays the agreement's HTML out in a QTextDocument and prints it to a
QPdfWriter on A4 portrait with 18 mm margins, in a CJK-capable font so Chinese agreements
print; `render_pdf_page` uses QtPdf's QPdfDocument. Both need a QGuiApplication.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPdf import QPdfDocument

from app.client.agreement import Agreement
from ui.application import pick_font_family

MARGIN_MM = 18
RESOLUTION_DPI = 300


def agreement_document(agreement: Agreement) -> QTextDocument:
    """The agreement laid out as a QTextDocument (10 pt, CJK-capable family when installed)."""
    doc = QTextDocument()
    font = QFont(pick_font_family() or QFont().family())
    font.setPointSize(10)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(agreement.html())
    return doc


def write_agreement_pdf(agreement: Agreement, path: str | Path) -> Path:
    """Write the agreement as an A4 PDF at `path`; returns the path. OSError when the file
    cannot be written."""
    out = Path(path)
    writer = QPdfWriter(str(out))
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(agreement.title)
    writer.setCreator("Collection Desk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    agreement_document(agreement).print_(writer)
    del writer  # the file is complete once the writer is gone
    if not out.exists() or out.stat().st_size == 0:
        raise OSError(f"could not write {out}")
    return out


def pdf_page_count(path: str | Path) -> int:
    """Pages of a PDF file (0 when it cannot be read)."""
    doc = QPdfDocument()
    if doc.load(str(path)) != QPdfDocument.Error.None_:
        return 0
    return int(doc.pageCount())


def pdf_text(path: str | Path) -> str:
    """The text of every page of a PDF file."""
    doc = QPdfDocument()
    if doc.load(str(path)) != QPdfDocument.Error.None_:
        raise OSError(f"not a readable PDF: {path}")
    return "\n".join(doc.getAllText(i).text() for i in range(doc.pageCount()))


def render_pdf_page(pdf: str | Path, png: str | Path, *, page: int = 0, width: int = 1240) -> Path:
    """Render one page of a PDF to a PNG `width` pixels wide, on white."""
    doc = QPdfDocument()
    if doc.load(str(pdf)) != QPdfDocument.Error.None_ or page >= doc.pageCount():
        raise OSError(f"not a readable PDF page: {pdf} #{page}")
    points = doc.pagePointSize(page)
    height = round(width * points.height() / points.width())
    rendered = doc.render(page, QSize(width, height))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    out = Path(png)
    if not image.save(str(out)):
        raise OSError(f"could not write {out}")
    return out

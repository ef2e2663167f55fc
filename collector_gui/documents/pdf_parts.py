"""The pieces every document has: who it is from (with the logo), the title and key facts,
who it is for, and a QR code drawn as vector squares.

The header blocks sit side by side in a table row, which cannot run over a page: their texts
are shortened to fit (`fit_block`), with "…" where something was cut. The full texts are in
the ledger, and the dossier prints the client's in a table that splits over pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Image, Table, TableStyle

from collector_gui.core.model import Client
from collector_gui.documents.pdf_common import INK, MUTED, TABLE_SIZE, Ctx
from collector_gui.documents.pdf_text import FONT, TextFitter


# How much of a user's text a header block prints (a page is about 750 points high).
NAME_CHARS = 600
ADDRESS_LINES = 8
ADDRESS_CHARS = 400
DETAIL_CHARS = 200


def fit_block(text: object, max_lines: int, max_chars: int) -> str:
    """*text* cut to at most *max_lines* lines (the rest joined onto the last with ", ") and
    *max_chars* characters, ending in "…" when something was cut."""
    lines = [line.strip() for line in TextFitter.clean(text).split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [", ".join(lines[max_lines - 1:])]
    out = "\n".join(lines)
    if len(out) > max_chars:
        out = out[:max_chars - 1].rstrip() + "…"
    return out


def lines_markup(ctx: Ctx, *texts: object, sep: str = "<br/>") -> str:
    """Several user texts (skipping empty ones) as one block of markup."""
    return sep.join(ctx.text.markup(t) for t in texts if t and str(t).strip())


def business_block(ctx: Ctx) -> list[Flowable]:
    """Who the document is from: name, address, tax id, email and phone."""
    b, L = ctx.business, ctx.labels
    out: list[Flowable] = []
    if b.name:
        out.append(ctx.para(fit_block(b.name, 3, NAME_CHARS), "business", bold=True))
    details = [fit_block(b.address, ADDRESS_LINES, ADDRESS_CHARS)]
    if b.tax_id:
        details.append(f"{L['tax_id']}: {fit_block(b.tax_id, 1, DETAIL_CHARS)}")
    details += [fit_block(b.email, 1, DETAIL_CHARS), fit_block(b.phone, 1, DETAIL_CHARS)]
    block = lines_markup(ctx, *details)
    if block:
        out.append(ctx.rich(block))
    return out


def logo_flowable(ctx: Ctx, max_w: float, max_h: float) -> Flowable | None:
    """The business logo scaled into max_w x max_h, or None (with a warning) when the file
    is missing or not an image reportlab can read."""
    path = ctx.business.logo
    if not path:
        return None
    file = str(Path(path).expanduser())
    try:
        iw, ih = ImageReader(file).getSize()
    except Exception as exc:  # noqa: BLE001 - any unreadable file: skip the logo, warn
        ctx.warnings.append(f"The logo {path} could not be read ({exc}); printed without it.")
        return None
    scale = min(max_w / iw, max_h / ih, 1.0)  # fit the box; never blow up a small logo
    img = Image(file, width=iw * scale, height=ih * scale)
    img.hAlign = "RIGHT"
    return img


def header(ctx: Ctx, title: str, facts: Sequence[tuple[str, str]]) -> Table:
    """Business on the left; logo, document title and its key facts on the right."""
    left_w = ctx.width * 0.56
    right_w = ctx.width - left_w
    right: list[Flowable] = []
    logo = logo_flowable(ctx, right_w, 22 * mm)
    if logo is not None:
        right.append(logo)
    right.append(ctx.para(title, "title", bold=True))
    if facts:
        size = TABLE_SIZE + 0.5
        fact_rows = [[_fact_cell(ctx, k, right_w * 0.5, "fact_label", size),
                      _fact_cell(ctx, fit_block(v, 2, DETAIL_CHARS), right_w * 0.5, "fact",
                                 size)] for k, v in facts]
        ft = Table(fact_rows, colWidths=[right_w * 0.5, right_w * 0.5], hAlign="RIGHT")
        ft.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), FONT, size, size * 1.25),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED), ("TEXTCOLOR", (1, 0), (1, -1), INK),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        right.append(ft)
    table = Table([[business_block(ctx), right]], colWidths=[left_w, right_w])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _fact_cell(ctx: Ctx, text: str, width: float, style: str, size: float) -> object:
    plain = ctx.text.plain(text)
    if plain is not None and pdfmetrics.stringWidth(plain, FONT, size) <= width - 2:
        return plain
    return ctx.para(text, style)


def client_block(ctx: Ctx, client: Client, heading: str) -> list[Flowable]:
    """The client (and who pays, when that is someone else) with address and tax id."""
    c, L = client, ctx.labels
    out: list[Flowable] = [ctx.para(heading, "small")]
    out.append(ctx.para(fit_block(c.name, 3, NAME_CHARS), "party", bold=True))
    details: list[object] = []
    if c.billing_name and c.billing_name.strip() != c.name.strip():
        details.append(f"{L['attention']} {fit_block(c.billing_name, 1, DETAIL_CHARS)}")
    details.append(fit_block(c.address, ADDRESS_LINES, ADDRESS_CHARS))
    if c.tax_id:
        details.append(f"{L['tax_id']}: {fit_block(c.tax_id, 1, DETAIL_CHARS)}")
    details.append(fit_block(c.billing_email or c.email, 1, DETAIL_CHARS))
    block = lines_markup(ctx, *details)
    if block:
        out.append(ctx.rich(block))
    return out


class QrCode(Flowable):
    """A QR code drawn as vector squares (sharp at any zoom, deterministic)."""

    def __init__(self, qr, size: float) -> None:
        super().__init__()
        self._rows = [[bool(m) for m in row] for row in qr.matrix_iter(scale=1, border=2)]
        self.width = self.height = size

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        n = len(self._rows)
        module = self.width / n
        canv = self.canv
        canv.setFillColor(colors.black)
        path = canv.beginPath()
        for r, row in enumerate(self._rows):
            y = self.height - (r + 1) * module
            c = 0
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    path.rect(start * module, y, (c - start) * module, module)
                else:
                    c += 1
        canv.drawPath(path, stroke=0, fill=1)

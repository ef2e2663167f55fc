"""What every Collector PDF shares: styles, tables whose header repeats on every page,
the page footer ("1 / 3"), metadata and a deterministic build.

reportlab only; no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    LayoutError,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.tables import CellStyle

from collector_gui.core import clock
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.documents.labels import Labels
from collector_gui.documents.pdf_model import BusinessProfile
from collector_gui.documents.pdf_text import FONT, FONT_BOLD, Formatter, TextFitter, fonts

INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
ACCENT = colors.HexColor("#1F4E79")
RULE = colors.HexColor("#B8C4D0")
HEADER_BG = colors.HexColor("#E6ECF2")
ZEBRA = colors.HexColor("#F6F8FA")

BODY_SIZE = 9
TABLE_SIZE = 8
SMALL_SIZE = 7.5
# A table row taller than what is left of the page splits inside itself (a description of
# 5,000 characters, a note of 300 lines), with at least this much of it on each page.
SPLIT_IN_ROW = 20


class PdfLayoutError(CollectorError):
    """Something in a document cannot be laid out even across pages; the message names the
    document and the field, so the user knows what to shorten."""


# -- styles -----------------------------------------------------------------------------------

@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3,
                          textColor=INK, splitLongWords=1)
    out = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=SMALL_SIZE,
                                leading=SMALL_SIZE * 1.3, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=17,
                                leading=21, textColor=ACCENT, alignment=TA_RIGHT),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14,
                             textColor=ACCENT, spaceBefore=10, spaceAfter=4),
        "business": ParagraphStyle("business", parent=base, fontName=FONT_BOLD, fontSize=12.5,
                                   leading=15.5),
        "party": ParagraphStyle("party", parent=base, fontName=FONT_BOLD),
        "cell": ParagraphStyle("cell", parent=base, fontSize=TABLE_SIZE,
                               leading=TABLE_SIZE * 1.25),
        "cell_r": ParagraphStyle("cell_r", parent=base, fontSize=TABLE_SIZE,
                                 leading=TABLE_SIZE * 1.25, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=TABLE_SIZE,
                               leading=TABLE_SIZE * 1.2, textColor=ACCENT),
        "head_r": ParagraphStyle("head_r", parent=base, fontName=FONT_BOLD,
                                 fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.2,
                                 textColor=ACCENT, alignment=TA_RIGHT),
        "fact": ParagraphStyle("fact", parent=base, fontSize=TABLE_SIZE + 0.5,
                               leading=(TABLE_SIZE + 0.5) * 1.25, alignment=TA_RIGHT),
        "fact_label": ParagraphStyle("fact_label", parent=base, fontSize=TABLE_SIZE + 0.5,
                                     leading=(TABLE_SIZE + 0.5) * 1.25, textColor=MUTED,
                                     alignment=TA_RIGHT),
    }
    return out


# -- the context of one document ----------------------------------------------------------------

@dataclass
class Ctx:
    """What the builders of one document share."""

    language: str
    business: BusinessProfile
    width: float  # of the frame, in points
    labels: Labels = field(init=False)
    fmt: Formatter = field(init=False)
    text: TextFitter = field(default_factory=TextFitter)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.labels = Labels(self.language)
        self.fmt = Formatter(self.language)

    def para(self, text: object, style: str = "body", *, bold: bool = False) -> Paragraph:
        st = styles()[style]
        return Paragraph(self.text.markup(text, bold=bold or st.fontName == FONT_BOLD), st)

    def heading(self, text: object) -> list[Flowable]:
        """A section heading that never ends a page alone. (Not keepWithNext: reportlab
        makes that a KeepTogether, which pushes a long table whole to the next page.)"""
        return [CondPageBreak(HEADING_ROOM), self.para(text, "h2", bold=True)]

    def rich(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph from markup the caller built (every user text in it already fitted)."""
        return Paragraph(markup, styles()[style])

    def cell(self, text: object, width: float, *, right: bool = False, bold: bool = False):
        """A table cell: a plain string when it fits on one line (fast), else a Paragraph
        that wraps."""
        if not bold:
            plain = self.text.plain(text)
            if plain is not None and "\n" not in str(text or "") and (
                    pdfmetrics.stringWidth(plain, FONT, TABLE_SIZE) <= width - 2 * CELL_PAD):
                return plain
        style = "cell_r" if right else "cell"
        return Paragraph(self.text.markup(text, bold=bold), styles()[style])


CELL_PAD = 3


class _CellLeft(CellStyle):
    """The look of a data table's cell (what TableStyle commands would set, cell by cell)."""

    fontname = FONT
    fontsize = TABLE_SIZE
    leading = TABLE_SIZE * 1.25
    leftPadding = rightPadding = CELL_PAD
    topPadding = bottomPadding = 2.2
    color = INK
    valign = "TOP"


class _CellRight(_CellLeft):
    alignment = "RIGHT"


class _CellLeftBold(_CellLeft):
    fontname = FONT_BOLD


class _CellRightBold(_CellRight):
    fontname = FONT_BOLD


class _HeadLeft(_CellLeftBold):
    color = ACCENT


class _HeadRight(_CellRightBold):
    color = ACCENT


_CELL_LEFT, _CELL_RIGHT = _CellLeft("cell"), _CellRight("cell")
_HEAD_LEFT, _HEAD_RIGHT = _HeadLeft("head"), _HeadRight("head")
_CELL_LEFT_BOLD, _CELL_RIGHT_BOLD = _CellLeftBold("cell"), _CellRightBold("cell")
HEADING_ROOM = 28 * mm  # a heading needs this much page below it, or starts a new page


def data_table(
    ctx: Ctx,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    fractions: Sequence[float],
    *,
    right: Sequence[int] = (),
    bold_rows: Sequence[int] = (),
    flex: Sequence[int] = (0,),
    zebra: bool = True,
) -> Table:
    """A table as wide as the frame, its header repeated on every page it runs over.

    *fractions* share the width between the columns; a column whose values would not fit
    on one line (a long amount) is widened at the expense of the *flex* columns (texts
    that wrap well). *right* lists right-aligned (number) columns; *bold_rows* are indexes
    into *rows* printed in bold (totals).
    """
    right_set, bold_set = set(right), set(bold_rows)
    widths, fits = fit_widths(ctx, header, rows, fractions, flex=flex, bold_rows=bold_set)
    st = styles()
    head = [_head_cell(ctx, h, widths[i], i in right_set, st) for i, h in enumerate(header)]
    plain, cell = ctx.text.plain, ctx.cell
    body = []
    for r, row in enumerate(rows):
        bold = r in bold_set
        out_row = []
        for i, value in enumerate(row):
            text = plain(value) if i in fits and not bold else None
            out_row.append(text if text is not None
                           else cell(value, widths[i], right=i in right_set, bold=bold))
        body.append(out_row)
    # Each cell's font, padding and alignment come with its CellStyle: reportlab applies a
    # TableStyle command cell by cell, which for a 1,000-row table costs more than drawing it.
    # (Shared instances: no command below may change a cell's style in place.)
    head_row = [_HEAD_RIGHT if i in right_set else _HEAD_LEFT for i in range(len(header))]
    plain_row = [_CELL_RIGHT if i in right_set else _CELL_LEFT for i in range(len(header))]
    bold_row = [_CELL_RIGHT_BOLD if i in right_set else _CELL_LEFT_BOLD
                for i in range(len(header))]
    table = Table([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT",
                  splitInRow=SPLIT_IN_ROW,
                  cellStyles=[head_row] + [bold_row if r in bold_set else plain_row
                                            for r in range(len(body))])
    commands: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
    ]
    if zebra and len(rows) > 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    for r in bold_set:
        commands.append(("LINEABOVE", (0, r + 1), (-1, r + 1), 0.6, ACCENT))
    table.setStyle(TableStyle(commands))
    return table


def _head_cell(ctx: Ctx, text: str, width: float, right: bool, st) -> object:
    """A header as a plain string when it fits on one line (cheap), else a wrapping
    Paragraph ("Días de retraso" in a narrow column)."""
    plain = ctx.text.plain(text)
    if (plain is not None and plain.isprintable() and ctx.text.bold_ok(plain)
            and pdfmetrics.stringWidth(plain, FONT_BOLD, TABLE_SIZE) <= width - 2 * CELL_PAD):
        return plain
    return Paragraph(ctx.text.markup(text, bold=True), st["head_r" if right else "head"])


def fit_widths(
    ctx: Ctx,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    fractions: Sequence[float],
    *,
    flex: Sequence[int] = (0,),
    bold_rows: set[int] | frozenset[int] = frozenset(),
    width: float | None = None,
    size: float = TABLE_SIZE,
) -> tuple[list[float], set[int]]:
    """Column widths that add up to *width* (the frame's), and the columns whose every
    value is known to fit on one line.

    Shares by *fractions*, then each column too narrow for its longest value (or its
    header's longest word) on one line is widened, taking the room from columns that have
    some to spare. *flex* columns hold text that wraps well and need only a modest minimum.
    When even that cannot fit (absurdly long amounts), every column shrinks in proportion
    and the longest values wrap."""
    total_w = ctx.width if width is None else width
    total = sum(fractions)
    widths = [total_w * f / total for f in fractions]
    flex_set = set(flex)
    measure = pdfmetrics.stringWidth
    needs: list[float] = []
    content: dict[int, float] = {}  # column -> width of its longest one-line value
    for i in range(len(widths)):
        need = max((measure(word, FONT_BOLD, size) for word in str(header[i]).split()),
                   default=0)
        if i in flex_set:
            needs.append(max(need + 2 * CELL_PAD, min(widths[i], total_w * 0.15)))
            continue
        seen: set[str] = set()
        longest = 0.0
        for r, row in enumerate(rows):
            text = ctx.text.plain(row[i])
            if text is None or (text in seen and r not in bold_rows):
                continue
            seen.add(text)
            longest = max(longest, measure(text, FONT_BOLD if r in bold_rows else FONT, size))
        content[i] = longest + 2 * CELL_PAD
        needs.append(min(max(need, longest) + 2 * CELL_PAD + 0.5, total_w * 0.35))
    if sum(needs) > total_w:
        scale = total_w / sum(needs)
        widths = [n * scale for n in needs]
    else:
        deficit = sum(max(0.0, n - w) for n, w in zip(needs, widths))
        if deficit:
            slack = [max(0.0, w - n) for n, w in zip(needs, widths)]
            spare = sum(slack)
            widths = [max(n, w) - (deficit * sl / spare)
                      for n, w, sl in zip(needs, widths, slack)]
    fits = {i for i, w in content.items() if w <= widths[i]}
    return widths, fits


LONG_VALUE_CHARS = 600  # a longer value runs below the table, where it splits cleanly


def key_value_table(ctx: Ctx, pairs: Sequence[tuple[str, object]],
                    fractions=(1, 2.6)) -> list[Flowable]:
    """Label / value pairs (client details), values wrapping. A very long value (pages of
    notes) follows the table as its own paragraphs: reportlab's split inside a table row
    can overshoot a page when a text mixes fonts, a plain paragraph never does."""
    total = sum(fractions)
    widths = [ctx.width * f / total for f in fractions]
    short = [(k, v) for k, v in pairs
             if len(str(v)) <= LONG_VALUE_CHARS and str(v).count("\n") < 12]
    long = [(k, v) for k, v in pairs if (k, v) not in short]
    rows = [[ctx.cell(k, widths[0]), ctx.para(v, "cell")] for k, v in short]
    out: list[Flowable] = []
    if rows:
        table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=SPLIT_IN_ROW)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ]))
        out.append(table)
    for k, v in long:
        out += [ctx.para(k, "small"), ctx.para(v, "cell")]
    return out


# -- page footer, metadata, build ---------------------------------------------------------------

_STANDARD_FONTS = frozenset(pdfmetrics.standardFonts)


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so each can say "page / pages" (the known
    reportlab recipe: the count is only known once the story is laid out)."""

    def __init__(self, *args, footer: Callable[[Canvas, int, int], None],
                 created: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pending: list[dict] = []
        self.page_count = 0
        self.setDateFormatter(lambda *_date: created)

    def setFont(self, psfontname: str, size: float, leading: float | None = None
                ) -> None:  # noqa: N802 - reportlab's name
        """A layout table with no FONT command asks for reportlab's default Helvetica, which
        is never embedded (PDF/A and print checks refuse it): the embedded face instead."""
        if psfontname in _STANDARD_FONTS:
            psfontname = FONT_BOLD if "Bold" in psfontname else FONT
        super().setFont(psfontname, size, leading)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pending.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pending)
        for state in self._pending:
            self.__dict__.update(state)
            self._footer(self, self._pageNumber, total)
            Canvas.showPage(self)
        self.page_count = total
        Canvas.save(self)


def pdf_date(created: dt.datetime | dt.date | None) -> str:
    """A PDF date string (D:YYYYMMDDHHmmSS+hh'mm') for *created*, or now."""
    if created is None:
        created = clock.aware_now()
    elif not isinstance(created, dt.datetime):
        created = dt.datetime.combine(created, dt.time())
    offset = created.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hh, mm_ = divmod(abs(minutes), 60)
    return f"D:{created:%Y%m%d%H%M%S}{sign}{hh:02d}'{mm_:02d}'"


PAGE_SIZES = {"A4": A4, "Letter": LETTER}
FOOTER_CHARS = 160  # a footer is one line: a client's 3,000-character name is cut short
MARGIN_X = 17 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 18 * mm


def frame_width(paper: str) -> float:
    return PAGE_SIZES.get(paper, A4)[0] - 2 * MARGIN_X


def field_of(flowable: Flowable, name: str) -> Flowable:
    """Tag *flowable* with the field it prints, for the error when it cannot be laid out."""
    flowable.collector_field = name  # type: ignore[attr-defined]
    return flowable


class _DocTemplate(BaseDocTemplate):
    """reportlab's document, whose LayoutError becomes a PdfLayoutError naming the field."""

    document_name = ""

    def handle_flowable(self, flowables: list[Flowable]) -> None:  # noqa: N802
        first = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except LayoutError as exc:
            what = getattr(first, "collector_field", None) or _("a part of the page")
            raise PdfLayoutError(_(
                "{document} cannot be laid out: {field} does not fit on a page even when "
                "split. Shorten it and try again.").format(document=self.document_name,
                                                          field=what)) from exc


@dataclass(frozen=True)
class RenderResult:
    data: bytes
    pages: int
    replaced: tuple[str, ...] = ()  # characters printed as '?'
    warnings: tuple[str, ...] = ()


def build_pdf(
    ctx: Ctx,
    story: list[Flowable],
    *,
    title: str,
    subject: str,
    footer_text: str,
    created: dt.datetime | dt.date | None,
) -> RenderResult:
    """Lay out *story* on the business's paper, with the footer on every page.

    Deterministic: reportlab's invariant mode (fixed document id) and the creation date
    given by *created* (now when None).
    """
    page_w, page_h = PAGE_SIZES.get(ctx.business.paper, A4)
    footer_text = footer_text if len(footer_text) <= FOOTER_CHARS else (
        footer_text[:FOOTER_CHARS - 1].rstrip() + "…")
    footer_plain = ctx.text.plain(footer_text)
    page_fmt = "{} / {}"

    def footer(canv: Canvas, page: int, total: int) -> None:
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 8 * mm
        canv.line(MARGIN_X, y + 9, page_w - MARGIN_X, y + 9)
        number = page_fmt.format(page, total)
        canv.setFont(FONT, SMALL_SIZE)
        canv.drawRightString(page_w - MARGIN_X, y, number)
        room = page_w - 2 * MARGIN_X - pdfmetrics.stringWidth(number, FONT, SMALL_SIZE) - 12
        if footer_plain is not None:
            canv.drawString(MARGIN_X, y, _shorten(footer_plain, room))
        else:
            p = _one_line(ctx, footer_text, room)
            p.drawOn(canv, MARGIN_X, y - 1)
        canv.restoreState()

    holder: dict[str, _NumberedCanvas] = {}

    def canvasmaker(*args, **kwargs) -> _NumberedCanvas:
        canv = _NumberedCanvas(*args, footer=footer, created=pdf_date(created), **kwargs)
        holder["canvas"] = canv
        return canv

    buffer = io.BytesIO()
    author = ctx.business.name or "Collector"
    doc = _DocTemplate(
        buffer,
        pagesize=(page_w, page_h),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="Collector",
        invariant=1,
        lang=ctx.language,
        initialFontName=FONT,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, page_w - 2 * MARGIN_X,
                  page_h - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.document_name = title
    doc.build(story, canvasmaker=canvasmaker)
    replaced = tuple(sorted(ctx.text.replaced))
    return RenderResult(buffer.getvalue(), holder["canvas"].page_count, replaced,
                        tuple(ctx.warnings))


def _one_line(ctx: Ctx, text: str, width: float) -> Paragraph:
    """A footer needing a CJK font, cut until it is one line: a wrapped one would be drawn
    upwards, over the page's text."""
    style = styles()["small"]
    while True:
        p = Paragraph(ctx.text.markup(text), style)
        _w, h = p.wrap(width, 1000)
        if h <= style.leading * 1.01 or len(text) <= 1:
            return p
        text = text[:-max(1, len(text) // 10) - 1].rstrip() + "…"


def _shorten(text: str, width: float) -> str:
    if pdfmetrics.stringWidth(text, FONT, SMALL_SIZE) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", FONT, SMALL_SIZE) > width:
        text = text[:-max(1, len(text) // 10)]
    return text.rstrip() + "…"

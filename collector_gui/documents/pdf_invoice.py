"""The invoice as the client receives it: who it is from and to, the lines, subtotals per
tax rate, payments received, balance due, how to pay (with an EPC "scan to pay" QR code for
euro invoices when an IBAN is set) and the late-payment terms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import segno
import segno.helpers
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from collector_gui.core import clock
from collector_gui.core.i18n import _
from collector_gui.core.terms import discount_deadline, discounted_total, invoice_payable
from collector_gui.core.money import minor_digits
from collector_gui.core.payment import PaymentDetails, details_for
from collector_gui.documents.pdf_common import (
    ACCENT,
    CELL_PAD,
    RULE,
    TABLE_SIZE,
    Ctx,
    RenderResult,
    build_pdf,
    data_table,
    field_of,
    frame_width,
)
from collector_gui.documents.pdf_model import InvoiceDoc, grouped_iban, iban_is_valid
from collector_gui.documents.pdf_parts import (
    DETAIL_CHARS,
    QrCode,
    client_block,
    fit_block,
    header,
    lines_markup,
)
from collector_gui.documents.pdf_text import FONT, FONT_BOLD

EPC_MAX_EUR = Decimal("999999999.99")
QR_SIZE = 30 * mm
INSTRUCTIONS_BESIDE_QR = 400  # characters


def render_invoice(doc: InvoiceDoc, *, created: dt.datetime | dt.date | None = None) -> RenderResult:
    ctx = Ctx(doc.client.language, doc.business, frame_width(doc.business.paper))
    inv, L = doc.invoice, ctx.labels
    title = f"{L[_title_key(doc)]} {inv.number}"
    footer = " · ".join(p for p in (doc.business.name, title) if p)
    return build_pdf(ctx, invoice_story(ctx, doc), title=title,
                     subject=f"{title} — {doc.client.name}", footer_text=footer,
                     created=created)


def _title_key(doc: InvoiceDoc) -> str:
    return "credit_note_title" if doc.invoice.is_credit_note else "invoice_title"


def invoice_story(ctx: Ctx, doc: InvoiceDoc) -> list[Flowable]:
    """The flowables of one invoice (the dossier appends these after its own pages)."""
    inv, L, F = doc.invoice, ctx.labels, ctx.fmt
    fields = [(L["invoice_number"], inv.number), (L["issue_date"], F.date(inv.issue_date))]
    if inv.is_credit_note and doc.corrected is not None:
        fields.append((L["corrects"], doc.corrected.number))
    elif not inv.is_credit_note:
        fields.append((L["due_date"], F.date(inv.due_date)))
    story: list[Flowable] = [header(ctx, L[_title_key(doc)], fields), Spacer(1, 7 * mm)]
    bill_to = Table([[client_block(ctx, doc.client, L["bill_to"])]], colWidths=[ctx.width * 0.62],
                    hAlign="LEFT")
    bill_to.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    story += [bill_to, Spacer(1, 6 * mm)]
    if inv.void or inv.draft:
        story += [ctx.rich(f'<font color="#B00020"><b>'
                           f'{ctx.text.markup(L["void_note" if inv.void else "draft_note"])}'
                           f"</b></font>"), Spacer(1, 3 * mm)]
    if inv.is_credit_note:
        story += _credit_note_text(ctx, doc)
    elif inv.lines and inv.description.strip():
        story += [field_of(ctx.para(inv.description), _("the invoice's description")),
                  Spacer(1, 3 * mm)]
    story.append(field_of(_lines_table(ctx, doc), _("the invoice's lines")))
    story.append(Spacer(1, 3 * mm))
    story.append(_totals_table(ctx, doc))
    story += _discount_terms(ctx, doc)
    story += [] if inv.is_credit_note else _how_to_pay(ctx, doc)
    if doc.business.late_terms and not inv.is_credit_note:
        story.append(field_of(KeepTogether([ctx.para(L["late_terms"], "h2"),
                                            ctx.para(doc.business.late_terms, "small")]),
                              _("the late-payment terms")))
    return story


def _credit_note_text(ctx: Ctx, doc: InvoiceDoc) -> list[Flowable]:
    """What a credit note must say (Spain, factura rectificativa): which invoice it corrects
    and why."""
    L, F, corrected = ctx.labels, ctx.fmt, doc.corrected
    out: list[Flowable] = []
    if corrected is not None:
        out.append(ctx.para(L("corrects_text", number=corrected.number,
                              date=F.date(corrected.issue_date))))
    if doc.invoice.reason:
        out.append(field_of(ctx.rich(f"<b>{ctx.text.markup(L['reason'])}:</b> "
                                     f"{ctx.text.markup(doc.invoice.reason)}"),
                            _("the credit note's reason")))
    return [*out, Spacer(1, 3 * mm)]


def _discount_terms(ctx: Ctx, doc: InvoiceDoc) -> list[Flowable]:
    """"2% discount if paid by 10 Dec 2026: €980.00", while it can still be earned."""
    inv, L, F = doc.invoice, ctx.labels, ctx.fmt
    deadline = discount_deadline(inv)
    if (deadline is None or not inv.counts or inv.balance_minor <= 0
            or clock.today() > deadline or inv.paid_minor >= discounted_total(inv)):
        return []
    amount = F.money(discounted_total(inv) - inv.paid_minor, inv.currency)
    text = L("discount_terms", percent=F.percent(inv.discount_percent), date=F.date(deadline),
             amount=amount)
    return [Spacer(1, 2 * mm), ctx.rich(f"<b>{ctx.text.markup(text)}</b>")]


def _lines_table(ctx: Ctx, doc: InvoiceDoc) -> Table:
    inv, L, F = doc.invoice, ctx.labels, ctx.fmt
    cur = inv.currency
    rows: list[list[object]] = []
    if inv.lines:
        for line in inv.lines:
            rows.append([
                line.description,
                F.quantity(line.quantity),
                F.money(line.unit_price_minor, cur),
                F.percent(line.tax_rate),
                F.money(line.net_minor, cur),
            ])
    else:  # logged with only a total (imported): one line with that total
        rows.append([inv.description.strip() or L("imported_line", number=inv.number),
                     F.quantity(Decimal(1)), F.money(inv.total_minor, cur), "",
                     F.money(inv.total_minor, cur)])
    return data_table(
        ctx,
        [L["description"], L["quantity"], L["unit_price"], L["tax"], L["amount"]],
        rows,
        (47, 8, 17, 9, 19),
        right=(1, 2, 3, 4),
    )


def _totals_table(ctx: Ctx, doc: InvoiceDoc) -> Table:
    inv, L, F = doc.invoice, ctx.labels, ctx.fmt
    cur = inv.currency
    rows: list[tuple[str, str]] = []
    totals = invoice_payable(inv)
    if inv.lines:
        single_zero_rate = len(totals.tax_by_rate) == 1 and totals.tax_by_rate[0][0] == 0
        if not single_zero_rate or totals.irpf_minor:
            for rate, net, tax in totals.tax_by_rate:
                pct = F.percent(rate)
                rows.append((L("net_at", rate=pct), F.money(net, cur)))
                if rate != 0:
                    rows.append((L("tax_at", rate=pct), F.money(tax, cur)))
        if totals.irpf_minor:
            rows.append((L("irpf_at", rate=F.percent(totals.irpf_rate)),
                         F.money(-totals.irpf_minor, cur)))
    total_row = len(rows)
    total_label = ("total_credited" if inv.is_credit_note
                   else "total_payable" if totals.irpf_minor else "total")
    rows.append((L[total_label], F.money(totals.total_minor, cur)))
    for p in doc.payments:
        label = (L("credit_on", number=p.reference) if p.kind == "credit"
                 else L["discount_on"] if p.kind == "discount"
                 else L("payment_on", date=F.date(p.date)))
        rows.append((label, F.money(-p.amount_minor, cur)))
    balance_row = None
    if doc.payments:
        balance_row = len(rows)
        rows.append((L["balance_due"], F.money(inv.balance_minor, cur)))
    bold = {total_row, balance_row}
    label_need = max(stringWidth(ctx.text.plain(k) or k, FONT, TABLE_SIZE + 0.5) for k, _ in rows)
    value_need = max(stringWidth(ctx.text.plain(v) or v, FONT_BOLD if r in bold else FONT,
                                 10 if r in bold else TABLE_SIZE + 0.5)
                     for r, (_, v) in enumerate(rows))
    label_need, value_need = label_need + 2 * CELL_PAD + 1, value_need + 2 * CELL_PAD + 1
    width = min(ctx.width, max(ctx.width * 0.58, label_need + value_need))
    value_w = max(width * 0.4, min(value_need, width * 0.6))
    widths = [width - value_w, value_w]
    cells = [[ctx.cell(k, widths[0], right=True), ctx.cell(v, widths[1], right=True)]
             for k, v in rows]
    table = Table(cells, colWidths=widths, hAlign="RIGHT")
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE + 0.5),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
        ("FONT", (0, total_row), (-1, total_row), FONT_BOLD, 10),
        ("LINEABOVE", (0, total_row), (-1, total_row), 0.8, ACCENT),
    ]
    if balance_row is not None:
        commands += [
            ("FONT", (0, balance_row), (-1, balance_row), FONT_BOLD, 10),
            ("LINEABOVE", (0, balance_row), (-1, balance_row), 0.8, ACCENT),
        ]
    if len(rows) > total_row + 1:
        commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE))
    table.setStyle(TableStyle(commands))
    return table


def epc_qr(ctx: Ctx, doc: InvoiceDoc):
    """The EPC "scan to pay" QR code (SEPA credit transfer of the balance), or None when the
    invoice is not in euros, nothing is due, or the IBAN or name is missing or invalid."""
    inv, b = doc.invoice, doc.business
    iban, bic = _details(doc).iban, _details(doc).bic
    if inv.currency != "EUR" or not iban or inv.balance_minor <= 0 or not inv.counts:
        return None
    if not iban_is_valid(iban):
        ctx.warnings.append(f"The IBAN {iban} fails its check digits: no payment QR code.")
        return None
    if not b.name:
        ctx.warnings.append("The business name is empty: no payment QR code (the EPC code "
                            "needs the payee's name).")
        return None
    amount = Decimal(inv.balance_minor).scaleb(-minor_digits("EUR"))
    if amount > EPC_MAX_EUR:
        ctx.warnings.append(f"{amount} EUR is above what an EPC QR code can carry: no QR code.")
        return None
    try:
        return segno.helpers.make_epc_qr(
            name=b.name[:70], iban=iban, amount=amount, text=inv.number[:140],
            bic=bic or None,
        )
    except (ValueError, segno.DataOverflowError) as exc:
        ctx.warnings.append(f"No payment QR code: {exc}")
        return None


def _details(doc: InvoiceDoc) -> PaymentDetails:
    """How to pay this invoice's currency (business.pay.<CODE>; EUR falls back to the IBAN):
    a USD invoice never shows the EUR account."""
    b = doc.business
    return details_for(doc.invoice.currency, dict(b.pay), iban=b.iban, bic=b.bic,
                       instructions=b.payment_instructions)


def _how_to_pay(ctx: Ctx, doc: InvoiceDoc) -> list[Flowable]:
    inv, b, L = doc.invoice, doc.business, ctx.labels
    if inv.void:
        return []  # nothing to pay on a void invoice
    if inv.balance_minor <= 0 and inv.counts:
        return [Spacer(1, 4 * mm), ctx.para(L["paid_in_full"], "h2")]
    d = _details(doc)
    if d.empty and not d.instructions:
        if not (b.iban or b.payment_instructions or b.pay):
            return []  # no payment details set at all
        return [Spacer(1, 2 * mm), ctx.para(L["payment_instructions"], "h2"),
                ctx.para(L("no_details", currency=inv.currency))]
    lines = [L("pay_by_transfer", ref=inv.number)] if (d.iban or d.account) else []
    if d.iban:
        lines.append(f"IBAN: {grouped_iban(d.iban)}")
    if d.bic:
        lines.append(f"BIC: {d.bic}")
    if d.account and d.account != d.instructions:
        lines.append(fit_block(d.account, 6, DETAIL_CHARS))
    if d.link:
        lines.append(d.link)
    if b.name and d.iban:
        lines.append(fit_block(b.name, 2, DETAIL_CHARS))
    text: list[Flowable] = [ctx.rich(lines_markup(ctx, *lines))] if lines else []
    # Instructions of a few lines sit beside the QR code; longer ones run below it, where
    # they can split over pages (a table row beside a QR code cannot).
    more = d.instructions
    below: list[Flowable] = []
    if more and (len(more) <= INSTRUCTIONS_BESIDE_QR and more.count("\n") < 6):
        text += [Spacer(1, 2 * mm), ctx.para(more)]
    elif more:
        below = [Spacer(1, 2 * mm), field_of(ctx.para(more), _("the payment instructions"))]
    qr = epc_qr(ctx, doc)
    block: list[Flowable] = [ctx.para(L["payment_instructions"], "h2")]
    if qr is None:
        block += text
    else:
        qr_col = [QrCode(qr, QR_SIZE), ctx.para(L["scan_to_pay"], "small")]
        qr_w = QR_SIZE + 14 * mm
        t = Table([[text, qr_col]], colWidths=[ctx.width - qr_w, qr_w])
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (1, 0), 8 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        block.append(t)
    return [Spacer(1, 2 * mm), field_of(KeepTogether(block), _("the payment instructions")),
            *below]

"""The collection dossier: everything an agency needs to pursue one client — who they are,
what they owe (with interest and fees), the full dated contact history with the promises
and whether they were kept, every payment, and a copy of each unpaid invoice."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from collector_gui.core.i18n import _
from collector_gui.core.latefees import total_by_currency
from collector_gui.core.model import ContactEvent, EventKind, EventStatus
from collector_gui.documents.pdf_common import (
    Ctx,
    RenderResult,
    build_pdf,
    data_table,
    field_of,
    frame_width,
    key_value_table,
)
from collector_gui.documents.pdf_invoice import invoice_story
from collector_gui.documents.pdf_model import (
    DossierDoc,
    promise_currency,
    promise_outcome,
)
from collector_gui.documents.pdf_parts import header
from collector_gui.documents.pdf_statement import (
    balances_by_currency,
    open_invoices_table,
    payments_table,
    policy_text,
)

# Longest body of a call, letter or note printed in the history (the ledger keeps it all).
MAX_BODY_CHARS = 1500


def render_dossier(doc: DossierDoc, *, created: dt.datetime | dt.date | None = None
                   ) -> RenderResult:
    ctx = Ctx(doc.client.language, doc.business, frame_width(doc.business.paper))
    L = ctx.labels
    title = f"{L['dossier_title']} — {doc.client.name}"
    footer = " · ".join(p for p in (doc.business.name, L["dossier_title"], doc.client.name,
                                    ctx.fmt.date(doc.as_of)) if p)
    return build_pdf(ctx, dossier_story(ctx, doc), title=title, subject=title,
                     footer_text=footer, created=created)


def dossier_story(ctx: Ctx, doc: DossierDoc) -> list[Flowable]:
    L, F = ctx.labels, ctx.fmt
    unpaid = [d.invoice for d in doc.unpaid]
    totals = balances_by_currency(unpaid, doc.as_of)
    facts = [(L["as_of"], F.date(doc.as_of))]
    facts += [(f"{L['outstanding']} {cur}", F.money(t[2], cur))
              for cur, t in list(totals.items())[:4]]
    story: list[Flowable] = [
        header(ctx, L["dossier_title"], facts),
        Spacer(1, 5 * mm),
        *ctx.heading(L["client_details"]),
        *(field_of(f, _("the client's details"))
          for f in key_value_table(ctx, _client_details(ctx, doc))),
        KeepTogether([ctx.para(L["summary"], "h2"), _summary_table(ctx, doc, totals)]),
        *ctx.heading(L["unpaid_invoices"]),
    ]
    if unpaid:
        story.append(open_invoices_table(ctx, unpaid, doc.as_of))
    else:
        story.append(ctx.para(L["no_open_invoices"]))
    story += _charges_section(ctx, doc)
    story += ctx.heading(L["full_contact_history"])
    story.append(field_of(_history_table(ctx, doc), _("the contact history")) if doc.events
                 else ctx.para(L["no_contact"]))
    story += ctx.heading(L["all_payments"])
    story.append(payments_table(ctx, doc.payments) if doc.payments
                 else ctx.para(L["no_payments"]))
    if doc.unpaid:
        story += [Spacer(1, 6 * mm), ctx.para(L["invoice_copies"], "small")]
        for inv_doc in doc.unpaid:
            story.append(PageBreak())
            story += invoice_story(ctx, inv_doc)
    return story


def _client_details(ctx: Ctx, doc: DossierDoc) -> list[tuple[str, object]]:
    c, L, F = doc.client, ctx.labels, ctx.fmt
    pairs: list[tuple[str, object]] = [(L["name"], c.name)]
    if c.billing_name:
        pairs.append((L["billing_contact"], c.billing_name))
    pairs += [(L["address"], c.address), (L["tax_id"], c.tax_id), (L["email"], c.email)]
    if c.billing_email:
        pairs.append((L["billing_email"], c.billing_email))
    pairs += [
        (L["phone"], c.phone),
        (L["language"], L.get(f"language_{c.language}", c.language)),
        (L["payment_terms"], L("n_days", n=F.integer(c.payment_terms_days))),
        (L["credit_limit"], F.money(c.credit_limit_minor, c.currency)
         if c.credit_limit_minor is not None else L["none"]),
        (L["on_hold"], L["yes"] if c.on_hold else L["no"]),
    ]
    if c.notes:
        pairs.append((L["notes"], c.notes))
    return [(k, v) for k, v in pairs if str(v).strip()]


def _summary_table(ctx: Ctx, doc: DossierDoc, totals):
    L, F = ctx.labels, ctx.fmt
    by_cur = total_by_currency(doc.charges.values())
    rows = []
    for cur, (_amount, _paid, balance, overdue) in totals.items():
        fee, interest = by_cur.get(cur, (0, 0))
        rows.append([cur, F.money(balance, cur), F.money(overdue, cur), F.money(fee, cur),
                     F.money(interest, cur), F.money(balance + fee + interest, cur)])
    return data_table(ctx, [L["currency"], L["outstanding"], L["overdue_part"], L["late_fee"],
                            L["interest"], L["total_claimed"]],
                      rows, (10, 18, 18, 18, 18, 18), right=(1, 2, 3, 4, 5))


def _charges_section(ctx: Ctx, doc: DossierDoc) -> list[Flowable]:
    L, F = ctx.labels, ctx.fmt
    out: list[Flowable] = ctx.heading(L["fees_and_interest"])
    first_cur = doc.unpaid[0].invoice.currency if doc.unpaid else doc.client.currency
    out.append(ctx.para(policy_text(ctx, doc.policy, first_cur), "small"))
    rows = []
    for inv_doc in doc.unpaid:
        inv = inv_doc.invoice
        ch = doc.charges.get(inv.id)
        if ch is None or ch.total_minor == 0:
            continue
        cur = inv.currency
        rows.append([inv.number, F.integer(ch.days_overdue), F.money(inv.balance_minor, cur),
                     F.money(ch.fee_minor, cur), F.money(ch.interest_minor, cur),
                     F.money(inv.balance_minor + ch.total_minor, cur)])
    if rows:
        out += [Spacer(1, 2 * mm),
                data_table(ctx, [L["invoice"], L["days_overdue"], L["balance"], L["late_fee"],
                                 L["interest"], L["total_claimed"]],
                           rows, (17, 11, 18, 18, 18, 18), right=(1, 2, 3, 4, 5))]
    return out


def _history_table(ctx: Ctx, doc: DossierDoc):
    L, F = ctx.labels, ctx.fmt
    rows = []
    for event in sorted(doc.events, key=lambda e: (e.at, e.id or 0)):
        rows.append([F.datetime(event.at), L[f"kind_{event.kind.value}"],
                     _event_details(ctx, doc, event)])
    return data_table(ctx, [L["when"], L["kind"], L["details"]], rows, (17, 13, 70), flex=(2,))


def _event_details(ctx: Ctx, doc: DossierDoc, e: ContactEvent) -> str:
    """The text of one history line (plain text: the table cell fits and wraps it)."""
    L, F = ctx.labels, ctx.fmt
    parts: list[str] = []
    if e.kind == EventKind.PROMISE:
        cur = promise_currency(e, doc.invoice_currencies, doc.client.currency)
        when = F.date(e.promised_date or e.at.date())
        promise = (L("promise_detail", amount=F.money(e.promised_minor, cur), date=when)
                   if e.promised_minor is not None
                   else L("promise_detail_noamount", date=when))
        outcome = promise_outcome(e, doc.payments, doc.as_of, cur)
        parts.append(f"{promise}: {L[f'promise_{outcome.value}']}")
    if e.subject.strip():
        parts.append(e.subject.strip())
    if e.kind != EventKind.EMAIL and e.body.strip():
        body = e.body.strip()
        parts.append(body if len(body) <= MAX_BODY_CHARS else body[:MAX_BODY_CHARS] + "…")
    meta = []
    if e.kind == EventKind.EMAIL or e.status != EventStatus.LOGGED:
        meta.append(L("status", status=L.get(f"status_{e.status.value}", e.status.value)))
    if e.stage:
        meta.append(L("stage", stage=L.get(f"stage_{e.stage}", e.stage)))
    numbers = [doc.invoice_numbers[i] for i in e.invoice_ids if i in doc.invoice_numbers]
    if numbers:
        meta.append(L("invoices_concerned", numbers=", ".join(numbers)))
    if e.error:
        meta.append(L("error", error=e.error))
    if meta:
        parts.append(" · ".join(meta))
    return "\n".join(parts)

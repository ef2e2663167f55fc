"""The statement of account: every open invoice of one client as of a date, totals per
currency, the aging buckets, late-payment charges (when the business charges them), the
payments of the period and a one-line summary of the contact history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from collector_gui.core.aging import BUCKETS, aging
from collector_gui.core.latefees import LateCharges, LatePolicy, total_by_currency
from collector_gui.core.model import ContactEvent, EventKind, Invoice
from collector_gui.documents.pdf_common import Ctx, RenderResult, build_pdf, data_table, frame_width
from collector_gui.documents.pdf_model import (
    PaymentLine,
    PromiseOutcome,
    StatementDoc,
    counts_as_contact,
    grouped_iban,
    promise_currency,
    promise_outcome,
)
from collector_gui.documents.pdf_parts import client_block, header

# Contact kinds a client-facing summary counts (notes are the freelancer's own).
SUMMARY_KINDS = (EventKind.EMAIL, EventKind.LETTER, EventKind.CALL, EventKind.PROMISE)


def render_statement(doc: StatementDoc, *, created: dt.datetime | dt.date | None = None
                     ) -> RenderResult:
    ctx = Ctx(doc.client.language, doc.business, frame_width(doc.business.paper))
    L = ctx.labels
    title = f"{L['statement_title']} — {doc.client.name}"
    footer = " · ".join(p for p in (doc.business.name, L["statement_title"], doc.client.name,
                                    ctx.fmt.date(doc.as_of)) if p)
    return build_pdf(ctx, statement_story(ctx, doc), title=title, subject=title,
                     footer_text=footer, created=created)


def balances_by_currency(invoices: Sequence[Invoice], as_of: dt.date
                         ) -> dict[str, tuple[int, int, int, int]]:
    """currency -> (amount, paid, balance, overdue balance) over open invoices."""
    out: dict[str, tuple[int, int, int, int]] = {}
    for inv in invoices:
        a, p, b, o = out.get(inv.currency, (0, 0, 0, 0))
        overdue = inv.balance_minor if inv.days_overdue(as_of) > 0 else 0
        out[inv.currency] = (a + inv.total_minor, p + inv.paid_minor, b + inv.balance_minor,
                             o + overdue)
    return dict(sorted(out.items()))


def statement_story(ctx: Ctx, doc: StatementDoc) -> list[Flowable]:
    L, F = ctx.labels, ctx.fmt
    invoices = [inv for inv in doc.open_invoices if inv.is_open()]
    totals = balances_by_currency(invoices, doc.as_of)
    facts = [(L["as_of"], F.date(doc.as_of))]
    facts += [(f"{L['balance']} {cur}", F.money(t[2], cur)) for cur, t in list(totals.items())[:4]]
    story: list[Flowable] = [
        header(ctx, L["statement_title"], facts),
        Spacer(1, 6 * mm),
        *client_block(ctx, doc.client, L["client"]),
        Spacer(1, 3 * mm),
        *ctx.heading(L["open_invoices"]),
    ]
    if not invoices:
        story.append(ctx.para(L["no_open_invoices"]))
    else:
        story.append(open_invoices_table(ctx, invoices, doc.as_of))
        story.append(KeepTogether([ctx.para(L["totals_per_currency"], "h2"),
                                   totals_table(ctx, totals)]))
        story.append(KeepTogether([ctx.para(L["aging"], "h2"),
                                   aging_table(ctx, invoices, doc.as_of)]))
        story += late_charges_section(ctx, doc.policy, doc.charges, totals, doc.as_of)
    story += ctx.heading(L("payments_in_period", start=F.date(doc.period_start),
                           end=F.date(doc.as_of)))
    if doc.period_payments:
        story.append(payments_table(ctx, doc.period_payments))
    else:
        story.append(ctx.para(L["no_payments"]))
    story += ctx.heading(L["contact_history"])
    story.append(ctx.para(contact_summary(ctx, doc.events, doc.all_payments, doc.as_of,
                                          doc.invoice_currencies, doc.client.currency)))
    story += _closing(ctx, doc)
    return story


def open_invoices_table(ctx: Ctx, invoices: Sequence[Invoice], as_of: dt.date):
    L, F = ctx.labels, ctx.fmt
    rows = []
    for inv in invoices:
        days = inv.days_overdue(as_of)
        number = f"{inv.number} ({L['disputed']})" if inv.disputed else inv.number
        rows.append([number, F.date(inv.issue_date), F.date(inv.due_date),
                     F.integer(days) if days else L["not_overdue"],
                     F.money(inv.total_minor, inv.currency), F.money(inv.paid_minor, inv.currency),
                     F.money(inv.balance_minor, inv.currency)])
    return data_table(
        ctx,
        [L["number"], L["issued"], L["due"], L["days_overdue"], L["amount"], L["paid"],
         L["balance"]],
        rows, (16, 13, 13, 9, 16.3, 16.3, 16.4), right=(3, 4, 5, 6),
    )


def totals_table(ctx: Ctx, totals: dict[str, tuple[int, int, int, int]]):
    L, F = ctx.labels, ctx.fmt
    rows = [[cur, F.money(a, cur), F.money(p, cur), F.money(b, cur), F.money(o, cur)]
            for cur, (a, p, b, o) in totals.items()]
    return data_table(ctx, [L["currency"], L["amount"], L["paid"], L["balance"],
                            L["overdue_part"]], rows, (12, 22, 22, 22, 22), right=(1, 2, 3, 4))


def aging_table(ctx: Ctx, invoices: Sequence[Invoice], as_of: dt.date):
    L, F = ctx.labels, ctx.fmt
    report = aging(invoices, as_of)
    rows = [[cur, *(F.money(report.buckets[cur][b], cur) for b in BUCKETS),
             F.money(report.total(cur), cur)] for cur in report.currencies]
    return data_table(ctx, [L["currency"], *(L[f"bucket_{b}"] for b in BUCKETS), L["total"]],
                      rows, (10, 15, 15, 15, 15, 15, 15), right=(1, 2, 3, 4, 5, 6))


def policy_text(ctx: Ctx, policy: LatePolicy, currency: str = "EUR") -> str:
    L, F = ctx.labels, ctx.fmt
    rate = F.percent(policy.yearly_rate)
    fee = F.money(policy.fixed_fee_minor(currency), currency)
    return {
        "off": lambda: L["policy_off"],
        "fixed": lambda: L("policy_fixed", fee=fee),
        "interest": lambda: L("policy_interest", rate=rate),
        "fixed+interest": lambda: L("policy_fixed_interest", fee=fee, rate=rate),
        "eu": lambda: (L("policy_eu_table", rate=rate, fee=F.money(4000, "EUR"))
                       if policy.rates is not None else
                       L("policy_eu", ref=F.percent(policy.reference_rate), rate=rate,
                         fee=F.money(4000, "EUR"))),
        "es": lambda: L("policy_es", rate=rate),
        "uk": lambda: L("policy_uk", rate=rate),
    }[policy.mode]()


def late_charges_section(
    ctx: Ctx,
    policy: LatePolicy,
    charges: dict[int, LateCharges],
    totals: dict[str, tuple[int, int, int, int]],
    as_of: dt.date,
) -> list[Flowable]:
    """Fees and interest per currency, with the balance they add to (only when charged)."""
    if not policy.active:
        return []
    by_cur = total_by_currency(charges.values())
    if not any(f or i for f, i in by_cur.values()):
        return []
    L, F = ctx.labels, ctx.fmt
    rows = []
    for cur, (fee, interest) in sorted(by_cur.items()):
        balance = totals.get(cur, (0, 0, 0, 0))[2]
        rows.append([cur, F.money(balance, cur), F.money(fee, cur), F.money(interest, cur),
                     F.money(balance + fee + interest, cur)])
    first_cur = sorted(by_cur)[0]
    return [KeepTogether([
        ctx.para(L("late_charges", date=F.date(as_of)), "h2"),
        data_table(ctx, [L["currency"], L["balance"], L["late_fee"], L["interest"],
                         L["total_claimed"]], rows, (12, 22, 22, 22, 22), right=(1, 2, 3, 4)),
        Spacer(1, 1.5 * mm),
        ctx.para(policy_text(ctx, policy, first_cur), "small"),
    ])]


def payments_table(ctx: Ctx, payments: Sequence[PaymentLine]):
    L, F = ctx.labels, ctx.fmt
    rows = [[F.date(p.date), p.invoice_number, p.method, p.reference,
             F.money(p.amount_minor, p.currency)] for p in payments]
    return data_table(ctx, [L["date"], L["invoice"], L["method"], L["reference"], L["amount"]],
                      rows, (14, 18, 18, 30, 20), right=(4,), flex=(2, 3))


def contact_summary(
    ctx: Ctx,
    events: Sequence[ContactEvent],
    payments: Sequence[PaymentLine],
    as_of: dt.date,
    invoice_currencies: Mapping[int, str],
    default_currency: str,
) -> str:
    """One line: how many emails, letters, calls and promises, the last contact, and how
    the promises to pay went."""
    L, F = ctx.labels, ctx.fmt
    counted = [e for e in events if e.at.date() <= as_of and e.kind in SUMMARY_KINDS
               and counts_as_contact(e)]
    if not counted:
        return L["no_contact"]
    parts = []
    for kind in SUMMARY_KINDS:
        n = sum(1 for e in counted if e.kind == kind)
        if n:
            word = L[f"kind_{kind.value}" if n == 1 else f"kind_{kind.value}_pl"]
            parts.append(f"{F.integer(n)} {word}")
    last = max(counted, key=lambda e: e.at)
    line = f"{', '.join(parts)}; {L('last_contact', date=F.date(last.at.date()))}"
    promises = [e for e in counted if e.kind == EventKind.PROMISE]
    if promises:
        outcomes = [
            promise_outcome(e, payments, as_of,
                            promise_currency(e, invoice_currencies, default_currency))
            for e in promises
        ]
        line += "; " + L("promises_summary",
                         kept=outcomes.count(PromiseOutcome.KEPT),
                         broken=outcomes.count(PromiseOutcome.BROKEN),
                         pending=outcomes.count(PromiseOutcome.PENDING))
    return line + "."


def _closing(ctx: Ctx, doc: StatementDoc) -> list[Flowable]:
    L, b = ctx.labels, doc.business
    text = L("statement_closing", email=b.email) if b.email else L["statement_closing_noemail"]
    block: list[Flowable] = [ctx.para(text, "small")]
    if b.iban:
        bank = f"IBAN: {grouped_iban(b.iban)}" + (f" · BIC: {b.bic}" if b.bic else "")
        block.append(ctx.para(bank, "small"))
    if b.payment_instructions:
        block.append(ctx.para(b.payment_instructions, "small"))
    return [Spacer(1, 5 * mm), KeepTogether(block)]

"""The statement of account, as the client receives it: every open invoice as of a date, the
amount to pay now per currency (what is due, less what is on hold while a query is looked
into: the same figure the reminder email asks for), late-payment charges
(when the business charges them), the payments of the period, and how to pay each currency.

It is the client's document: the chasing history (how many emails, broken promises) is the
dossier's, not the statement's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from collector_gui.core.aging import BUCKETS, aging
from collector_gui.core.latefees import LateCharges, LatePolicy, total_by_currency
from collector_gui.core.model import Invoice
from collector_gui.core.payment import details_for, reference
from collector_gui.documents.addressing import client_locale
from collector_gui.documents.pdf_common import Ctx, RenderResult, build_pdf, data_table, frame_width
from collector_gui.documents.pdf_model import PaymentLine, StatementDoc
from collector_gui.documents.pdf_parts import client_block, header


def render_statement(doc: StatementDoc, *, created: dt.datetime | dt.date | None = None
                     ) -> RenderResult:
    ctx = Ctx(doc.client.language, doc.business, frame_width(doc.business.paper))
    ctx.fmt.locale = client_locale(doc.client)  # a London client reads British dates
    L = ctx.labels
    title = f"{L['statement_title']} — {doc.client.name}"
    footer = " · ".join(p for p in (doc.business.name, L["statement_title"], doc.client.name,
                                    ctx.fmt.date(doc.as_of)) if p)
    return build_pdf(ctx, statement_story(ctx, doc), title=title, subject=title,
                     footer_text=footer, created=created)


def held(inv: Invoice) -> bool:
    """On hold: disputed (a query being looked into) or reminders paused (as agreed)."""
    return inv.disputed or inv.reminders_paused


def to_pay_now(invoices: Sequence[Invoice], as_of: dt.date) -> dict[str, tuple[int, int, int]]:
    """currency -> (to pay now, on hold, not yet due) over open invoices. To pay now is what
    is due by *as_of* and not on hold: the reminder email's amount to pay."""
    out: dict[str, tuple[int, int, int]] = {}
    for inv in invoices:
        now, hold, later = out.get(inv.currency, (0, 0, 0))
        if held(inv):
            hold += inv.balance_minor
        elif inv.due_date <= as_of:
            now += inv.balance_minor
        else:
            later += inv.balance_minor
        out[inv.currency] = (now, hold, later)
    return dict(sorted(out.items()))


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
    pay_now = to_pay_now(invoices, doc.as_of)
    facts = [(L["as_of"], F.date(doc.as_of))]
    facts += [(f"{L['to_pay_now']} {cur}", F.money(t[0], cur))
              for cur, t in list(pay_now.items())[:4]]
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
                                   totals_table(ctx, totals, pay_now)]))
        story += late_charges_section(ctx, doc.policy, doc.charges, totals, doc.as_of)
    story += ctx.heading(L("payments_in_period", start=F.date(doc.period_start),
                           end=F.date(doc.as_of)))
    if doc.period_payments:
        story.append(payments_table(ctx, doc.period_payments))
    else:
        story.append(ctx.para(L["no_payments"]))
    story += _closing(ctx, doc, invoices)
    return story


def open_invoices_table(ctx: Ctx, invoices: Sequence[Invoice], as_of: dt.date):
    L, F = ctx.labels, ctx.fmt
    rows = []
    for inv in invoices:
        days = inv.days_overdue(as_of)
        number = f"{inv.number} ({L['held_invoice']})" if held(inv) else inv.number
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


def totals_table(ctx: Ctx, totals: dict[str, tuple[int, int, int, int]],
                 pay_now: dict[str, tuple[int, int, int]]):
    L, F = ctx.labels, ctx.fmt
    rows = []
    for cur, (a, p, b, _o) in totals.items():
        now, hold, later = pay_now.get(cur, (0, 0, 0))
        rows.append([cur, F.money(a, cur), F.money(p, cur), F.money(b, cur),
                     F.money(hold, cur), F.money(later, cur), F.money(now, cur)])
    return data_table(ctx, [L["currency"], L["amount"], L["paid"], L["balance"],
                            L["on_hold_part"], L["bucket_current"], L["to_pay_now"]],
                      rows, (10, 15, 15, 15, 15, 15, 15), right=(1, 2, 3, 4, 5, 6))


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


def _closing(ctx: Ctx, doc: StatementDoc, invoices: Sequence[Invoice]) -> list[Flowable]:
    """How to pay each currency the client owes now (the details that fit it, or a reply
    asked for them), with the same short reference as the email; then where to ask."""
    L, b = ctx.labels, doc.business
    texts = dict(b.pay)
    block: list[Flowable] = []
    payable = sorted((inv for inv in invoices if not held(inv) and inv.due_date <= doc.as_of),
                     key=lambda inv: (inv.due_date, inv.number))
    if not payable:  # nothing due yet: how to pay what falls due
        payable = sorted((inv for inv in invoices if not held(inv)),
                         key=lambda inv: (inv.due_date, inv.number))
    for cur in sorted({inv.currency for inv in payable}):
        ref = reference([inv.number for inv in payable if inv.currency == cur])
        d = details_for(cur, texts, iban=b.iban, bic=b.bic, instructions=b.payment_instructions)
        block.append(ctx.para(L("how_to_pay_in", currency=cur), "h2"))
        if d.iban:
            line = f"IBAN: {d.iban_grouped}" + (f" · BIC: {d.bic}" if d.bic else "")
            if b.name:
                line += f" · {L['account_holder']}: {b.name}"
            block.append(ctx.para(line))
        elif d.link:
            block.append(ctx.para(d.link))
        if d.account:
            block.append(ctx.para(d.account))
        if d.empty:
            block.append(ctx.para(L("no_details", currency=cur)))
        else:
            block.append(ctx.para(f"{L['reference']}: {ref}"))
        if d.instructions and not d.empty and d.instructions != d.account:
            block.append(ctx.para(d.instructions, "small"))
    if b.email:
        block.append(Spacer(1, 2 * mm))
        block.append(ctx.para(L("statement_question", email=b.email), "small"))
    return [Spacer(1, 3 * mm), KeepTogether(block)] if block else []

"""What a reminder template sees: plain data, already formatted for the client.

Amounts, dates and day counts come formatted in the client's locale (language and country:
documents/addressing.py), so a template never needs to know how Spanish writes a date. The
figures are the client's whole position: every overdue invoice it still owes, with one
amount to pay now per currency (the same the attached statement prints), the invoices on
hold named apart, the payment details that fit each currency (core/payment.py), one short
reference, and the EUR "scan to pay" code as an inline image. How the message reads (may
it say "ignore this if you have paid"? does it give a date? name late charges?) is
core.dunning's Tone. No Qt, no ledger.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from decimal import Decimal

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from collector_gui.core import settings as S
from collector_gui.core.dunning import DunningPolicy, Stage
from collector_gui.core.tone import Tone, message_tone
from collector_gui.core.latefees import LateCharges, LatePolicy
from collector_gui.core.model import LANGUAGES, Client, ContactEvent, Invoice
from collector_gui.core.money import format_minor, minor_digits
from collector_gui.core.payment import PaymentDetails, iban_ok, payment_details, reference
from collector_gui.documents.addressing import client_locale, first_name, spanish_salutation

EPC_MAX_MINOR = 99999999999  # 999,999,999.99 EUR: the most an EPC code can carry


def days_text(n: int, lang: str) -> str:
    if lang == "es":
        return "1 día" if n == 1 else f"{n} días"
    return "1 day" if n == 1 else f"{n} days"


def long_date(day: dt.date, locale: str) -> str:
    return format_date(day, "long", locale=locale)


def near_date(day: dt.date, as_of: dt.date, locale: str) -> str:
    """A date in a sentence: without the year when it is this year's ("22 January")."""
    if day.year == as_of.year:
        return format_skeleton("MMMMd", day, locale=locale)
    return long_date(day, locale)


def rate_text(rate: Decimal, lang: str, locale: str) -> str:
    number = format_decimal(rate, format="#,##0.##", locale=locale)
    return number + ("\u00a0%" if lang == "es" else "%")


@functools.lru_cache(maxsize=256)
def epc_qr_uri(name: str, iban: str, bic: str, amount_minor: int, text: str) -> str:
    """The EPC "scan to pay" code (SEPA credit transfer) as a PNG data URI, "" when the
    details cannot make one; compose.py turns it into an inline (cid:) image."""
    if not name or not iban_ok(iban) or not 0 < amount_minor <= EPC_MAX_MINOR:
        return ""
    import segno.helpers

    try:
        qr = segno.helpers.make_epc_qr(
            name=name[:70], iban=iban, amount=Decimal(amount_minor).scaleb(-2),
            text=text[:140] or None, bic=bic or None)
    except (ValueError, segno.DataOverflowError):
        return ""
    return qr.png_data_uri(scale=4, border=2)


def _pay(details: PaymentDetails) -> dict:
    return {
        "iban": details.iban_grouped,
        "bic": details.bic,
        "account": details.account,
        "link": details.link,
        "instructions": details.instructions,
        "empty": details.empty,
    }


def message_context(
    *,
    client: Client,
    invoices: Sequence[Invoice],
    stage: Stage | str,
    as_of: dt.date,
    settings: S.Settings,
    lang: str | None = None,
    charges: Mapping[int, LateCharges] | None = None,
    late_policy: LatePolicy | None = None,
    pay_by: dt.date | None = None,
    broken_promise: ContactEvent | None = None,
    reminded_before: bool = False,
    attachments: Sequence[str] = (),
    statement_attached: bool = False,
    held: Sequence[Invoice] = (),
    tone: Tone | None = None,
) -> dict:
    """Everything a reminder template may use, formatted for the client's locale.

    *invoices*: what the message asks the client to pay (most overdue first); *held*: the
    client's invoices on hold (disputed or paused), named apart and not asked for."""
    lang = lang or client.language
    if lang not in LANGUAGES:
        lang = "en"
    locale = client_locale(Client(client.name, language=lang, address=client.address))
    stage = Stage(stage)
    tone = tone or message_tone(stage, invoices, as_of)
    if pay_by is None and tone.asks_date:  # the policy's default, when none was given
        pay_by = DunningPolicy().pay_by(as_of)
    charges = (charges or {}) if tone.shows_charges else {}
    money = functools.partial(_money, locale=locale)
    items = []
    per_cur: dict[str, dict] = {}
    for inv in invoices:
        days = inv.days_overdue(as_of)
        until = (inv.due_date - as_of).days
        charge = charges.get(inv.id) if inv.id is not None else None
        late = charge.total_minor if charge else 0
        items.append({
            "number": inv.number,
            "issue_date": long_date(inv.issue_date, locale),
            "due_date": long_date(inv.due_date, locale),
            "total": money(inv.total_minor, inv.currency),
            "amount_due": money(inv.balance_minor, inv.currency),
            "partly_paid": 0 < inv.paid_minor < inv.total_minor,
            "paid": money(inv.paid_minor, inv.currency),
            "currency": inv.currency,
            "days_overdue": days,
            "days_overdue_text": days_text(days, lang),
            "overdue": days > 0,
            "due_today": until == 0,
            "days_until_due": max(0, until),
            "days_until_due_text": days_text(max(0, until), lang),
            "description": inv.description,
            "late_fee": money(charge.fee_minor, inv.currency) if charge else "",
            "late_interest": money(charge.interest_minor, inv.currency) if charge else "",
            "late_total": money(late, inv.currency) if late else "",
            "with_late": money(inv.balance_minor + late, inv.currency),
        })
        row = per_cur.setdefault(inv.currency, {"all": 0, "now": 0, "coming": 0, "late": 0,
                                                "numbers": {"now": [], "coming": []},
                                                "last_due": inv.due_date})
        when = "now" if until <= 0 else "coming"
        row["all"] += inv.balance_minor
        row[when] += inv.balance_minor
        row["late"] += late
        row["numbers"][when].append(inv.number)
        row["last_due"] = max(row["last_due"], inv.due_date)
    name = settings.get(S.BUSINESS_NAME).strip()
    totals = []
    for cur, row in sorted(per_cur.items()):
        details = payment_details(settings, cur)
        # the invoices of the amount asked (and of the QR code's): a payment quoting them all
        # for that amount is recorded against them when the statement comes in
        ref = reference(row["numbers"]["now"] or row["numbers"]["coming"])
        now = row["now"] or row["coming"]  # a courtesy notice: what falls due
        qr = (epc_qr_uri(name, details.iban, details.bic, now, ref)
              if cur == "EUR" and details.iban and minor_digits(cur) == 2 else "")
        totals.append({
            "currency": cur,
            "amount_due": money(row["all"], cur),
            "now": money(row["now"], cur) if row["now"] else "",
            "coming": money(row["coming"], cur) if row["coming"] else "",
            "coming_on": near_date(row["last_due"], as_of, locale),
            "to_pay": money(now, cur),
            "late_total": money(row["late"], cur) if row["late"] else "",
            "with_late": money(row["all"] + row["late"], cur),
            "reference": ref,
            "pay": _pay(details),
            "qr": qr,
        })
    held_items = [{
        "number": inv.number,
        "amount_due": money(inv.balance_minor, inv.currency),
        "due_date": long_date(inv.due_date, locale),
        "disputed": inv.disputed,
    } for inv in held]
    joiner = " y " if lang == "es" else " and "
    policy = late_policy or LatePolicy()
    eur = payment_details(settings, "EUR")
    person = first_name(client)
    return {
        "lang": lang,
        "locale": locale,
        "stage": str(stage),
        "as_of": long_date(as_of, locale),
        "client": {
            "name": client.name,
            "contact": client.billing_name.strip(),
            "first_name": person,
            "salutation": spanish_salutation(person) if lang == "es" and person else "",
            "on_hold": client.on_hold,
        },
        "business": {
            "name": name,
            "email": settings.get(S.BUSINESS_EMAIL).strip(),
            "phone": settings.get(S.BUSINESS_PHONE).strip(),
            "address": settings.get(S.BUSINESS_ADDRESS).strip(),
            "iban": eur.iban_grouped,
            "bic": eur.bic,
            "payment_instructions": settings.get(S.BUSINESS_PAYMENT_INSTRUCTIONS).strip(),
        },
        "invoices": items,
        "count": len(items),
        "numbers": ", ".join(i["number"] for i in items),
        "held": held_items,
        "totals": totals,
        "total_due": joiner.join(t["amount_due"] for t in totals),
        "total_now": joiner.join(t["now"] for t in totals if t["now"]),
        "total_to_pay": joiner.join(t["to_pay"] for t in totals),
        "total_with_late": joiner.join(t["with_late"] for t in totals),
        "any_overdue": any(i["overdue"] for i in items),
        "tone": {
            "may_have_crossed": tone.may_have_crossed,
            "long_overdue": tone.long_overdue,
            "asks_date": tone.asks_date,
            "asks_confirmation": tone.asks_confirmation,
            "days_overdue": tone.days_overdue,
            "days_overdue_text": days_text(tone.days_overdue, lang),
        },
        "late": {
            "active": policy.active and tone.shows_charges,
            "any": any(t["late_total"] for t in totals),
            "included": False,
            "total": joiner.join(t["late_total"] for t in totals if t["late_total"]),
            "rate": rate_text(policy.yearly_rate, lang, locale) if policy.yearly_rate else "",
            "eu": policy.mode == "eu",
        },
        "pay_by": near_date(pay_by, as_of, locale) if pay_by else "",
        "broken_promise": (
            {
                "made_on": near_date(broken_promise.at.date(), as_of, locale),
                "date": near_date(broken_promise.promised_date, as_of, locale)
                if broken_promise.promised_date else "",
            }
            if broken_promise is not None else None
        ),
        "reminded_before": reminded_before,
        "attachments": list(attachments),
        "statement_attached": statement_attached,
    }


def _money(minor: int, currency: str, *, locale: str) -> str:
    return format_minor(minor, currency, locale)

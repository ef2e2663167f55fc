"""Issuing a credit note (Spain: factura rectificativa): the one way to correct an issued
invoice. Void is for drafts and mistakes; an invoice the client has received is corrected by
a document of its own, numbered in its own series, that names the invoice and the reason.

`collector credit-note` and the window's "Issue credit note…" both call `issue_credit_note`:
one transaction writes the credit note (negative lines, total 0) and its credit on the
corrected invoice (a payments row of kind 'credit'), so the invoice's balance drops by the
credit, and a full credit settles it (no more reminders).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from collector_gui.actions.entry import propose_number
from collector_gui.actions.records import Changes, OpResult
from collector_gui.core import clock
from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.core.fields import FieldError
from collector_gui.core.i18n import _
from collector_gui.core.model import Invoice, InvoiceKind, Payment, PaymentKind
from collector_gui.core.money import minor_to_string
from collector_gui.core.terms import credit_lines, credit_of
from collector_gui.ledger.store import Store


@dataclass(frozen=True, slots=True)
class CreditNoteResult:
    credit_note: Invoice
    corrected: Invoice  # as it stands after the credit
    credit_minor: int

    def as_json(self) -> dict:
        cur = self.corrected.currency
        return {
            "credit_note": self.credit_note.number,
            "corrects": self.corrected.number,
            "issue_date": self.credit_note.issue_date.isoformat(),
            "currency": cur,
            "credit": minor_to_string(self.credit_minor, cur),
            "balance": minor_to_string(self.corrected.balance_minor, cur),
            "reason": self.credit_note.reason,
        }


def _numbers(store: Store, prefix: str) -> list[str]:
    with store.ledger.read() as db:
        return [r[0] for r in db.execute(
            "SELECT number FROM invoices WHERE number LIKE ? ESCAPE '\\'",
            (re.sub(r"([\\%_])", r"\\\1", prefix) + "%",))]


def next_credit_note_number(store: Store, issue_date: dt.date) -> str:
    """The next number of the credit notes' own series (invoice.credit_note_pattern)."""
    pattern = S.Settings(store.settings("invoice.")).get(S.CREDIT_NOTE_PATTERN)
    prefix = pattern.partition("{")[0]
    return propose_number(pattern, issue_date, _numbers(store, prefix))


def issue_credit_note(store: Store, invoice_number: str, *, amount_minor: int | None,
                      reason: str, issue_date: dt.date | None = None,
                      number: str | None = None) -> OpResult[CreditNoteResult]:
    """Credit *amount_minor* of base (at the invoice's VAT and IRPF rates), or the whole
    invoice when it is None. The credit may not be more than the invoice still owes: what
    was paid already is refunded, not credited here."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise CollectorError(_("A credit note needs its reason (the law asks for it)."))
    issue_date = issue_date or clock.today()
    with store.ledger.write():
        original = store.find_invoice(invoice_number)
        if original is None:
            raise CollectorError(_("There is no invoice numbered {number}.").format(
                number=invoice_number))
        if original.is_credit_note:
            raise CollectorError(_("{number} is a credit note itself; credit the invoice it "
                                   "corrects.").format(number=original.number))
        if not original.counts:
            raise CollectorError(_("Invoice {number} is a draft or void: nothing to "
                                   "correct.").format(number=original.number))
        if amount_minor is not None and amount_minor <= 0:
            raise CollectorError(_("The amount to credit must be more than zero."))
        try:
            lines = credit_lines(original, amount_minor, reason)
        except FieldError as exc:
            raise CollectorError(str(exc)) from None
        credit = credit_of(lines, original.irpf_rate)
        if credit > original.balance_minor:
            cur = original.currency
            raise CollectorError(_(
                "Invoice {number} still owes {balance} {currency}; a credit of {credit} "
                "{currency} is more than that (what was paid already is refunded, not "
                "credited).").format(
                number=original.number, balance=minor_to_string(original.balance_minor, cur),
                credit=minor_to_string(credit, cur), currency=cur))
        if issue_date < original.issue_date:
            raise CollectorError(_("A credit note cannot be dated before the invoice it "
                                   "corrects ({date}).").format(date=original.issue_date))
        note = store.add_invoice(Invoice(
            number=number or next_credit_note_number(store, issue_date),
            client_id=original.client_id, issue_date=issue_date, due_date=issue_date,
            currency=original.currency, total_minor=0, description=reason, lines=lines,
            irpf_rate=original.irpf_rate, kind=InvoiceKind.CREDIT_NOTE,
            corrects_id=original.id, reason=reason))
        payment = store.add_payment(Payment(
            invoice_id=original.id, date=issue_date, amount_minor=credit,
            method="credit note", reference=note.number, kind=PaymentKind.CREDIT,
            credit_note_id=note.id))
        corrected = store.get_invoice(original.id)
    return OpResult(CreditNoteResult(note, corrected, credit),
                    Changes.of(invoices=[note.id, original.id], invoice_lines=[],
                               payments=[payment.id]))


def credit_notes_of(store: Store, invoice_id: int) -> list[Invoice]:
    """The credit notes that correct an invoice, oldest first."""
    with store.ledger.read() as db:
        ids = [r[0] for r in db.execute(
            "SELECT id FROM invoices WHERE corrects_id = ? ORDER BY issue_date, id",
            (invoice_id,))]
    return [store.get_invoice(i) for i in ids]

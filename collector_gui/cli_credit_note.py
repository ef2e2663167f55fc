"""`collector credit-note INVOICE (--amount X | --full) --reason TEXT`: correct an issued
invoice with a credit note (factura rectificativa); the work is in actions/credit_notes.py,
which the window's "Issue credit note…" calls too."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from collector_gui.core.i18n import _
from collector_gui.core.errors import CollectorError
from collector_gui.core.money import MoneyError, format_minor, parse_minor
from collector_gui.ledger.store import Store


def add_credit_note_parser(sub, date: Callable[[str], object]) -> None:
    p = sub.add_parser("credit-note", help=_(
        "correct an issued invoice with a credit note (its own number series); the invoice's "
        "balance drops by the credit, and a full credit settles it"))
    p.add_argument("invoice", metavar="INVOICE", help=_("the number of the invoice to correct"))
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--amount", metavar="AMOUNT", help=_(
        "the base to credit, before VAT and IRPF (which follow the invoice's rates)"))
    how.add_argument("--full", action="store_true", help=_("credit the whole invoice"))
    p.add_argument("--reason", required=True, metavar="TEXT",
                   help=_("why the invoice is corrected (printed on the credit note)"))
    p.add_argument("--date", type=date, metavar="DATE", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=_("also write the credit note "
                                                                 "as PDF"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))


def cmd_credit_note(args: argparse.Namespace, store: Store,
                    print_json: Callable[[dict], None]) -> int:
    from collector_gui.actions.credit_notes import issue_credit_note
    from collector_gui.actions.reports import user_locale

    amount = None
    if args.amount is not None:
        original = store.find_invoice(args.invoice)
        if original is None:
            raise CollectorError(_("There is no invoice numbered {number}.").format(
                number=args.invoice))
        try:
            amount = parse_minor(args.amount, original.currency)
        except MoneyError as exc:
            raise CollectorError(_("--amount: {error}").format(error=exc)) from None
    result = issue_credit_note(store, args.invoice, amount_minor=amount, reason=args.reason,
                               issue_date=args.date).value
    written = None
    if args.pdf:
        from collector_gui.actions.documents import invoice_pdf

        written = invoice_pdf(store, result.credit_note.number, args.pdf)
    if args.json:
        print_json(result.as_json())
        return 0
    cur, locale = result.corrected.currency, user_locale()
    print(_("Credit note {note} corrects invoice {number}: {credit} credited; {number} now "
            "owes {balance}.").format(
        note=result.credit_note.number, number=result.corrected.number,
        credit=format_minor(result.credit_minor, cur, locale),
        balance=format_minor(result.corrected.balance_minor, cur, locale)))
    if written:
        print(_("Wrote {path}").format(path=written))
    return 0

"""`collector bank …`: import a bank statement, list what waits for a decision, accept or
reject it. Kept beside cli.py (which calls it) so that file stays about parsing in general."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _, ngettext
from collector_gui.core.money import format_minor


def add_bank_parser(sub, positive: Callable[[str], int]) -> None:
    p = sub.add_parser("bank", help=_("bank statements: import one, then decide what Collector "
                                      "could not match"))
    bank = p.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    q = bank.add_parser("import", help=_("read a statement (Norma 43, camt.053/054, OFX, MT940 "
                                         "or CSV) and record the payments it is sure of"))
    q.add_argument("file", type=Path, metavar="FILE")
    q.add_argument("--dry-run", action="store_true", help=_("show what would be done, change "
                                                            "nothing"))
    q.add_argument("--json", action="store_true", help=_("machine-readable output"))
    q.add_argument("--yes", action="store_true", help=_("also record the proposed matches "
                                                        "without asking"))
    q.add_argument("--bank", metavar="NAME", help=_("the bank's name: its CSV mapping is kept "
                                                    "under it"))
    q.add_argument("--csv-map", metavar="MAP",
                   help=_("which CSV columns hold what, e.g. "
                          "\"date=Fecha,amount=Importe,text=Concepto,reference=Referencia\""))
    q = bank.add_parser("unmatched", help=_("the payments waiting for a decision (proposed and "
                                            "unmatched)"))
    q.add_argument("--json", action="store_true", help=_("machine-readable output"))
    q = bank.add_parser("accept", help=_("record a waiting payment: against its proposal, or "
                                         "against the invoices named"))
    q.add_argument("line", type=positive, metavar="LINE_ID")
    q.add_argument("invoices", nargs="*", metavar="INVOICE")
    q = bank.add_parser("reject", help=_("not a payment to record: take it off the list"))
    q.add_argument("line", type=positive, metavar="LINE_ID")


def _amount(minor: int, currency: str, locale: str) -> str:
    return format_minor(minor, currency, locale)


def cmd_bank(args, store, *, print_json, aligned, progress_task) -> int:
    from collector_gui.actions import bank
    from collector_gui.actions.reports import user_locale

    locale = user_locale()
    action = args.bank_command
    if action == "import":
        result = bank.import_statement(store, args.file, bank=args.bank, csv_map=args.csv_map,
                                       dry_run=args.dry_run, accept_proposed=args.yes,
                                       task=progress_task())
        if sys.stderr.isatty():
            print(file=sys.stderr)
        if args.json:
            print_json(result.as_json())
            return 0
        table = [(_("line"), _("date"), _("amount"), _("done"), _("invoices"), _("text"))]
        for item in result.lines:
            invoices = ", ".join(n for n, _a in item.invoices)
            table.append((str(item.line_id or ""), item.booking_date.isoformat(),
                          _amount(item.amount_minor, item.currency, locale),
                          bank.status_text(item.outcome), invoices,
                          (item.payer + " " + item.text).strip()
                          or bank.reason_text(item.reason)))
        print("\n".join(aligned(table, right={0, 2}, max_width=60)))
        print(result.summary())
        waiting = result.count("proposed") + result.count("unmatched")
        if waiting and not args.dry_run:
            print(ngettext("{n} payment waits for your decision: `collector bank unmatched`.",
                           "{n} payments wait for your decision: `collector bank unmatched`.",
                           waiting).format(n=waiting))
        return 0
    if action == "unmatched":
        lines = bank.pending(store)
        if args.json:
            print_json({"lines": [bank.line_json(line) for line in lines]})
            return 0
        if not lines:
            print(_("Nothing waits for a decision: every payment imported was recorded or "
                    "decided."))
            return 0
        table = [(_("line"), _("date"), _("amount"), _("status"), _("proposal"), _("text"))]
        for line in lines:
            proposal = ", ".join(a.number for a in line.allocations)
            table.append((str(line.id), line.booking_date.isoformat(),
                          _amount(line.amount_minor, line.currency, locale), bank.status_text(line.status),
                          proposal, (line.payer_name + " " + line.text).strip()))
        print("\n".join(aligned(table, right={0, 2}, max_width=60)))
        print(_("Accept with `collector bank accept LINE_ID [INVOICE…]`, or reject with "
                "`collector bank reject LINE_ID`."))
        return 0
    if action == "accept":
        print(bank.accept(store, args.line, args.invoices).text(locale))
        return 0
    if action == "reject":
        print(bank.reject(store, args.line).text(locale))
        return 0
    raise CollectorError(_("Unknown bank action {action}.").format(action=action))

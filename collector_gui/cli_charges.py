"""`collector charges` and `collector rates`: what cli.py prints for them (kept apart so the
parser file stays small; the work is in actions/charges.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from collector_gui.core import clock
from collector_gui.core.i18n import _
from collector_gui.core.money import format_minor
from collector_gui.ledger.store import Store

PrintJson = Callable[[dict], None]
Aligned = Callable[..., list[str]]


def print_charges(args: argparse.Namespace, store: Store, print_json: PrintJson,
                  aligned: Aligned) -> int:
    from collector_gui.actions import charges
    from collector_gui.actions.reports import user_locale

    as_of = args.as_of or clock.today()
    report = charges.charges(store, as_of, args.client)
    if args.json:
        print_json(report.as_json())
    elif not report.rows:
        print(_("Nothing is overdue as of {date}.").format(date=as_of.isoformat()))
    else:
        locale = user_locale()
        table = [(_("number"), _("client"), _("balance"), _("interest"), _("compensation"),
                  _("rule"))]
        for r in report.rows:
            c = r.charges
            table.append((r.number, r.client, format_minor(r.balance_minor, r.currency, locale),
                          format_minor(c.interest_minor, r.currency, locale),
                          format_minor(c.fee_minor, r.currency, locale), c.rule))
        print(_("Late charges as of {date}").format(date=as_of.isoformat()))
        print("\n".join(aligned(table, right={2, 3, 4})))
        for cur, (interest, fee) in sorted(charges.total_minor(report).items()):
            print(_("total {currency}: interest {interest}, compensation {compensation}").format(
                currency=cur, interest=format_minor(interest, cur, locale),
                compensation=format_minor(fee, cur, locale)))
    for warning in report.warnings if not args.json else ():
        print(_("warning: {text}").format(text=warning), file=sys.stderr)
    return 0


def print_rates(args: argparse.Namespace, store: Store, print_json: PrintJson,
                aligned: Aligned) -> int:
    from collector_gui.actions import charges

    if args.rates_command == "add":
        row = charges.add_rate(store, args.rule, args.period, args.rate, args.source)
        print(_("{rule} {period}: interest at {rate}% a year (saved in the ledger; it wins "
                "over the shipped rate).").format(
            rule=row.rule, period=row.period, rate=row.yearly_rate))
        return 0
    rows = charges.list_rates(store)
    if args.json:
        print_json({"rates": [r.as_json() for r in rows]})
        return 0
    table = [(_("rule"), _("half-year"), _("rate"), _("yearly"), _("source"))]
    for r in rows:
        source = (_("(yours) {source}") if r.user else "{source}").format(source=r.source)
        if r.note:
            source += " [" + r.note + "]"
        table.append((r.rule, str(r.period), f"{r.rate}%", f"{r.yearly_rate}%", source))
    print("\n".join(aligned(table, right={2, 3}, max_width=200)))
    return 0

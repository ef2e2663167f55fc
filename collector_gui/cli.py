"""The `collector` command: parses arguments, calls actions/, prints.

With no command it opens the window. Every command takes `--ledger PATH` (default:
$COLLECTOR_LEDGER, else the per-user data folder). Exit status: 0 done, 1 refused or
failed (the message says why), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from collector_gui.core import clock
import collector_gui
from collector_gui import paths
from collector_gui.console import guard_terminal, json_text
from collector_gui.cli_thanks import add_send_parser, send_thanks
from collector_gui.core.aging import BUCKETS, AgingReport
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.core.fields import FieldError, parse_date
from collector_gui.core.i18n import N_, _, ngettext, translate_stdlib
from collector_gui.core.money import format_minor
from collector_gui.core.progress import Task


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except FieldError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number above zero").format(value=repr(text)))
    return int(text)


class _Version(argparse.Action):
    """--version, reading the version only when asked (importlib.metadata: not at start)."""

    def __init__(self, option_strings, dest, help=None) -> None:  # noqa: A002 (argparse's name)
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        # as argparse's own "version" action prints it (a name and a number: nothing to translate)
        parser._print_message(f"collector {collector_gui.__version__}\n", sys.stdout)
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="collector",
        description=_("Collector: who owes you money, how much, for how long. "
                      "With no command, opens the window."),
    )
    parser.add_argument("--version", action=_Version, help=_("print the version and exit"))
    parser.add_argument("--ledger", type=Path, metavar="PATH",
                        help=_("the ledger file (default: $COLLECTOR_LEDGER, else {path})")
                        .format(path=paths.default_ledger_path()))
    parser.add_argument("--sample", action="store_true",
                        help=_("open the window on a sample ledger, for a first look"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help=_("fill an empty ledger with realistic sample data"))
    p.add_argument("--invoices", type=_positive, default=300, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")

    p = sub.add_parser("import", help=_("import clients, invoices or payments from CSV "
                                        "(all rows or none)"))
    p.add_argument("kind", choices=("clients", "invoices", "payments"))
    p.add_argument("file", metavar="FILE.csv", help=_("the CSV file, or - for standard input"))
    p.add_argument("--dry-run", action="store_true", help=_("check the file, change nothing"))

    p = sub.add_parser("export", help=_("export records as CSV"))
    p.add_argument("kind", choices=("clients", "invoices", "payments", "contacts"))
    p.add_argument("file", metavar="FILE.csv", help=_("the CSV file, or - for standard output"))

    p = sub.add_parser("aging", help=_("open balances per currency in aging buckets"))
    p.add_argument("--as-of", type=_date, metavar="DATE", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))

    p = sub.add_parser("overdue", help=_("open invoices past due, most days overdue first"))
    p.add_argument("--as-of", type=_date, metavar="DATE", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("--client", metavar="NAME", help=_("only this client's invoices"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))

    p = sub.add_parser("charges", help=_("late-payment interest and fixed compensation per "
                                         "overdue invoice, by each client's rule"))
    p.add_argument("--as-of", type=_date, metavar="DATE", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("--client", metavar="NAME", help=_("only this client's invoices"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))

    p = sub.add_parser("rates", help=_("the official late-payment rates per half-year (es, eu, "
                                       "uk): list them, or add one"))
    rts = p.add_subparsers(dest="rates_command", metavar="ACTION", required=True)
    q = rts.add_parser("list", help=_("every half-year's rate and its source"))
    q.add_argument("--json", action="store_true", help=_("machine-readable output"))
    q = rts.add_parser("add", help=_("add or correct a half-year's rate (kept in the ledger; "
                                     "it wins over the shipped one)"))
    q.add_argument("rule", metavar="RULE", help=_("es, eu or uk"))
    q.add_argument("period", metavar="PERIOD", help=_("the half-year, e.g. 2026-H2"))
    q.add_argument("rate", metavar="RATE", help=_("percent, as the source publishes it: for es "
                                                  "the BOE's legal rate (8 points included), "
                                                  "for eu and uk the central bank's rate"))
    q.add_argument("--source", required=True, metavar="TEXT",
                   help=_("where the rate comes from (BOE resolution, central bank decision)"))

    p = sub.add_parser("backup", help=_("a consistent copy of the ledger"))
    p.add_argument("dir", nargs="?", type=Path, metavar="DIR",
                   help=_("where to put it (default: the backups folder beside the ledger)"))

    p = sub.add_parser("restore", help=_("replace the ledger with a backup (checked first; the "
                                         "replaced ledger is kept aside)"))
    p.add_argument("file", type=Path, metavar="FILE", help=_("the backup to restore"))

    p = sub.add_parser("config", help=_("business profile, SMTP and reminder settings"))
    cfg = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    q = cfg.add_parser("set", help=_("set a setting (smtp.host, smtp.port, smtp.security, "
                                     "smtp.user, smtp.from, business.*, reminders.*)"))
    q.add_argument("key", metavar="KEY")
    q.add_argument("value", metavar="VALUE")
    q = cfg.add_parser("get", help=_("print one setting"))
    q.add_argument("key", metavar="KEY")
    cfg.add_parser("list", help=_("print every setting"))
    cfg.add_parser("set-password", help=_("read the SMTP password from standard input into "
                                          "the system keyring"))

    p = sub.add_parser("remind", help=_("the reminders due today: print, save as .eml, or send"))
    p.add_argument("--as-of", type=_date, metavar="DATE", help=_("YYYY-MM-DD (default: today)"))
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--dry-run", action="store_true", help=_("print the drafts, change nothing"))
    how.add_argument("--eml", type=Path, metavar="DIR",
                     help=_("write one .eml per client (PDFs attached) and record them as saved"))
    how.add_argument("--send", action="store_true", help=_("send through the SMTP server"))
    p.add_argument("--client", metavar="NAME", help=_("only this client"))
    p.add_argument("--yes", action="store_true", help=_("send without asking first"))

    p = sub.add_parser("outbox", help=_("reminders not confirmed sent: list, retry, discard, "
                                        "or resolve one whose delivery is unknown"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    box = p.add_subparsers(dest="outbox_command", metavar="ACTION")
    q = box.add_parser("retry", help=_("check and send failed messages again (never unknown "
                                       "ones)"))
    q.add_argument("ids", nargs="*", type=_positive, metavar="ID")
    q.add_argument("--all", action="store_true", help=_("every failed message"))
    q = box.add_parser("discard", help=_("take a message out of the outbox unsent (a note "
                                         "stays in the history)"))
    q.add_argument("id", type=_positive, metavar="ID")
    q = box.add_parser("resolve", help=_("say what became of a message whose delivery is "
                                         "unknown"))
    q.add_argument("id", type=_positive, metavar="ID")
    said = q.add_mutually_exclusive_group(required=True)
    said.add_argument("--sent", action="store_true", help=_("I checked: it arrived"))
    said.add_argument("--resend", action="store_true", help=_("it did not arrive: send it "
                                                              "again"))
    add_send_parser(box)

    _bank_parser(sub)
    from collector_gui.cli_credit_note import add_credit_note_parser

    add_credit_note_parser(sub, _date)

    p = sub.add_parser("invoice-pdf", help=_("an invoice as PDF, as the client receives it"))
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("out", type=Path, metavar="OUT.pdf")

    for name, text in (("statement", _("a client's statement of account as PDF")),
                       ("dossier", _("everything a collection agency needs about a client, "
                                     "as PDF"))):
        p = sub.add_parser(name, help=text)
        p.add_argument("client", metavar="CLIENT", help=_("the client's name"))
        p.add_argument("out", type=Path, metavar="OUT.pdf")
        p.add_argument("--as-of", type=_date, metavar="DATE", help=_("YYYY-MM-DD (default: today)"))
    # `--ledger PATH` after the command too (`collector demo --ledger try.sqlite`), as people
    # write it; given there, it wins over one given before the command.
    for commands in (sub, cfg, box, rts):
        for command in commands.choices.values():
            command.add_argument("--ledger", type=Path, metavar="PATH",
                                 default=argparse.SUPPRESS,
                                 help=_("the ledger file (as before the command)"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, not at exit, so that a closed pipe is seen below
        return code
    except BrokenPipeError:  # e.g. `collector overdue | head`: the reader has what it wanted
        _quiet_stdout()
        return 0


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush at exit finds no
    closed pipe to complain about (the recipe in Python's signal module docs)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _main(argv: Sequence[str] | None) -> int:
    guard_terminal()  # names and server replies may hold escape sequences
    translate_stdlib()
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except Cancelled as exc:
        print(_("collector: {error}").format(error=exc), file=sys.stderr)
        return 130
    except CollectorError as exc:
        print(_("collector: {error}").format(error=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("collector: interrupted; nothing half-written was saved."), file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        return _open_window(args)
    if args.command == "restore":  # works on the file, which may not even open
        from collector_gui.actions.restore import restore

        result = restore(args.ledger or paths.default_ledger_path(), args.file)
        print(result.summary())
        return 0
    from collector_gui.actions.ledger import open_ledger
    from collector_gui.ledger.store import Store

    # demo refuses a ledger with data: nothing to back up
    writes = (args.command in ("import", "credit-note")
              or getattr(args, "bank_command", "") == "import")
    # Only commands that put data in may make a new ledger: a mistyped --ledger on a report
    # says the file does not exist instead of answering from a new, empty ledger.
    create = (args.command in ("import", "demo") or getattr(args, "config_command", "") == "set"
              or getattr(args, "rates_command", "") == "add")
    with open_ledger(args.ledger, create=create, auto_backup=writes,
                     backup_failed=_backup_failed_before_import) as ledger:
        store = Store(ledger)
        return COMMANDS[args.command](args, store)


def _backup_failed_before_import(exc: CollectorError) -> None:
    """Today's automatic backup failed: say so, and import anyway (see open_ledger)."""
    print(_("collector: warning: {error} The import goes ahead without it: an import is "
            "saved whole or not at all, so the ledger as it was before stays intact if it "
            "fails.").format(error=exc), file=sys.stderr)


def _print_json(data: dict) -> None:
    """Indented for a person at a terminal; compact when piped. (json.dump to a stream, and
    any indent, make CPython use its pure-Python encoder: 4x the time for a long list.)"""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json_text(data, indent=indent) + "\n")


def _today(args: argparse.Namespace) -> dt.date:
    return getattr(args, "as_of", None) or clock.today()


def _progress_task() -> Task:
    """A Task that shows progress on a terminal (and nothing when piped)."""
    if not sys.stderr.isatty():
        return Task()

    def show(done: int, total: int, text: str) -> None:
        pct = f" {100 * done // total:3d}%" if total else ""
        print("\r" + text + pct + "   ", end="", file=sys.stderr, flush=True)

    return Task(show)


def cmd_demo(args, store) -> int:
    from collector_gui.actions.demo import generate_demo

    summary = generate_demo(store.ledger, invoices=args.invoices, seed=args.seed,
                            task=_progress_task())
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(_("Sample ledger at {path}: {summary}.").format(path=store.ledger.path,
                                                          summary=summary))
    return 0


def cmd_import(args, store) -> int:
    from collector_gui.actions import behaviour
    from collector_gui.actions.records import import_file

    # New invoices may take clients past their credit limit: say who, after the summary.
    over = behaviour.overruns(store.ledger) if args.kind == "invoices" else None
    report = import_file(store, args.kind, args.file, dry_run=args.dry_run, task=_progress_task())
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    for line in report.error_lines():
        print(line, file=sys.stderr)
    print(report.summary(), file=sys.stderr if report.errors else sys.stdout)
    if over is not None and report.written:
        from collector_gui.actions.reports import user_locale

        for overrun in behaviour.new_overruns(over, behaviour.overruns(store.ledger)):
            print(overrun.message(user_locale()), file=sys.stderr)
    return 1 if report.errors else 0


def cmd_export(args, store) -> int:
    from collector_gui.actions.records import export_file

    if args.file == "-":
        count = export_file(store, args.kind, sys.stdout)
    else:
        target = Path(args.file)
        try:
            with target.open("w", encoding="utf-8", newline="") as out:
                count = export_file(store, args.kind, out)
        except OSError as exc:
            raise CollectorError(_("cannot write {path}: {reason}").format(
                path=target, reason=exc.strerror or exc)) from exc
    print(_exported(args.kind, count, None if args.file == "-" else args.file),
          file=sys.stderr)
    return 0


def _exported(kind: str, n: int, file: str | None) -> str:
    """What `collector export` reports (*file* None: written to standard output)."""
    if kind == "clients":
        text = (ngettext("exported {n} client", "exported {n} clients", n) if file is None else
                ngettext("exported {n} client to {file}", "exported {n} clients to {file}", n))
    elif kind == "invoices":
        text = (ngettext("exported {n} invoice", "exported {n} invoices", n) if file is None else
                ngettext("exported {n} invoice to {file}", "exported {n} invoices to {file}", n))
    elif kind == "payments":
        text = (ngettext("exported {n} payment", "exported {n} payments", n) if file is None else
                ngettext("exported {n} payment to {file}", "exported {n} payments to {file}", n))
    else:  # contacts
        text = (ngettext("exported {n} contact", "exported {n} contacts", n) if file is None else
                ngettext("exported {n} contact to {file}", "exported {n} contacts to {file}", n))
    return text.format(n=n, file=file)


def cmd_aging(args, store) -> int:
    from collector_gui.actions.reports import aging, user_locale

    report = aging(store, _today(args))
    if args.json:
        _print_json(report.as_json())
    else:
        print(format_aging(report, user_locale()))
    return 0


def _aligned(rows: list[tuple[str, ...]], right: set[int], max_width: int = 40) -> list[str]:
    """Rows as aligned text columns; over-long cells are cut with an ellipsis."""
    cut = [tuple(c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r) for r in rows]
    widths = [max(len(r[i]) for r in cut) for i in range(len(cut[0]))]
    return ["  ".join(c.rjust(w) if i in right else c.ljust(w)
                      for i, (c, w) in enumerate(zip(r, widths))).rstrip() for r in cut]


# The aging table's column headings that are words ("1-30" and the like read the same).
_BUCKET_HEADINGS = {"current": N_("current")}


def format_aging(report: AgingReport, locale: str) -> str:
    """An aligned table, amounts formatted for *locale* with Babel."""
    if not report.currencies:
        return _("Nothing is owed as of {date}.").format(date=report.as_of.isoformat())
    rows = [("", *(_(_BUCKET_HEADINGS[b]) if b in _BUCKET_HEADINGS else b for b in BUCKETS),
             _("total"))]
    for cur in report.currencies:
        values = [report.buckets[cur][b] for b in BUCKETS] + [report.total(cur)]
        rows.append((cur, *(format_minor(v, cur, locale) for v in values)))
    lines = _aligned(rows, right=set(range(1, len(rows[0]))))
    return "\n".join([_("Aging as of {date}").format(date=report.as_of.isoformat()), *lines])


def cmd_overdue(args, store) -> int:
    from collector_gui.actions.reports import overdue, overdue_json, user_locale

    as_of = _today(args)
    rows = overdue(store, as_of, args.client)
    if args.json:
        _print_json(overdue_json(rows, as_of))
        return 0
    if not rows:
        print(_("Nothing is overdue as of {date}.").format(date=as_of.isoformat()))
        return 0
    locale = user_locale()
    table = [(_("number"), _("client"), _("due"), _("days"), _("balance"))]
    table += [(r.number, r.client, r.due_date.isoformat(), str(r.days_overdue),
               format_minor(r.balance_minor, r.currency, locale)) for r in rows]
    print("\n".join(_aligned(table, right={3, 4})))
    return 0


def cmd_charges(args, store) -> int:
    from collector_gui.cli_charges import print_charges

    return print_charges(args, store, _print_json, _aligned)


def cmd_rates(args, store) -> int:
    from collector_gui.cli_charges import print_rates

    return print_rates(args, store, _print_json, _aligned)


def cmd_backup(args, store) -> int:
    from collector_gui.actions.records import backup

    made = backup(store.ledger, args.dir)
    print(_("Backed up {ledger} to {backup}").format(ledger=store.ledger.path, backup=made))
    return 0


def cmd_invoice_pdf(args, store) -> int:
    from collector_gui.actions.documents import invoice_pdf

    print(_("Wrote {path}").format(path=invoice_pdf(store, args.number, args.out)))
    return 0


def cmd_statement(args, store) -> int:
    from collector_gui.actions.documents import statement_pdf

    print(_("Wrote {path}").format(
        path=statement_pdf(store, args.client, args.out, as_of=args.as_of)))
    return 0


def cmd_dossier(args, store) -> int:
    from collector_gui.actions.documents import dossier_pdf

    print(_("Wrote {path}").format(
        path=dossier_pdf(store, args.client, args.out, as_of=args.as_of)))
    return 0


def cmd_config(args, store) -> int:
    from collector_gui.actions import config

    if args.config_command == "set":
        saved = config.config_set(store, args.key, args.value)
        print("{key} = {value}".format(key=args.key, value=saved))  # no words to translate
    elif args.config_command == "get":
        print(config.config_get(store, args.key))
    elif args.config_command == "list":
        rows = [(key, value) for key, value, _description in config.config_list(store)]
        header = (_("setting"), _("value"))
        print("\n".join(_aligned([header, *rows], right=set(), max_width=60)))
    else:  # set-password
        if sys.stdin.isatty():
            import getpass

            password = getpass.getpass(_("SMTP password: "))
        else:
            password = sys.stdin.readline()
        config.set_smtp_password(store, password)
        print(_("The SMTP password is saved in the system keyring."))
    return 0


def _ask_password(smtp, why: str) -> str | None:
    """At a terminal, ask for the SMTP password (never echoed, never stored)."""
    if not sys.stdin.isatty():
        return None
    import getpass

    prompt = _("SMTP password for {user}@{host}: ").format(user=smtp.user, host=smtp.host)
    return getpass.getpass(why + "\n" + prompt) or None


def cmd_remind(args, store) -> int:
    from collector_gui.actions.remind import plan_reminders
    from collector_gui.actions.remind_views import format_drafts
    from collector_gui.actions.reports import user_locale

    from collector_gui.actions.bank import last_import_notice

    print(last_import_notice(store, _today(args)))  # payments not imported are not known
    flow = plan_reminders(store, args.as_of, client=args.client)
    if args.dry_run:
        print(format_drafts(flow, locale=user_locale()))
        return 0
    drafts = flow.drafts()
    if not drafts:
        if args.as_of:
            print(_("No reminder is due as of {date}.").format(date=args.as_of))
        else:
            print(_("No reminder is due today."))
        if args.send:  # the thank-yous waiting go all the same
            return send_thanks(store, ask_password=_ask_password, progress_task=_progress_task,
                               quiet_when_none=True)
        return 0
    if args.eml:
        summary = flow.save_eml(args.eml, task=_progress_task())
    else:
        if not args.yes:
            if not sys.stdin.isatty():
                raise CollectorError(ngettext(
                    "Not sending without confirmation: add --yes to send {n} reminder from a "
                    "script.",
                    "Not sending without confirmation: add --yes to send {n} reminders from a "
                    "script.", len(drafts)).format(n=len(drafts)))
            listing = "\n".join(f"  {d.recipient}: {d.subject}" for d in drafts)
            question = ngettext("Send {n} reminder?", "Send {n} reminders?",
                                len(drafts)).format(n=len(drafts))
            answer = input(question + "\n" + listing + "\n" + _("[y/N] "))
            if answer.strip().lower() not in ("y", "yes", "s", "si", "sí"):
                print(_("Nothing was sent."))
                return 0
        summary = flow.send(ask_password=_ask_password, task=_progress_task())
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(summary.text())
    if summary.interrupted:
        return 130
    return 0 if summary.ok else 1


def cmd_outbox(args, store) -> int:
    """`collector outbox`: what is not confirmed sent, and what to do about it."""
    from collector_gui.actions import delivery

    action = getattr(args, "outbox_command", None)
    if action is None:
        items = delivery.outbox(store)
        if args.json:
            _print_json({"messages": [i.as_json() for i in items]})
            return 0
        if not items:
            print(_("The outbox is empty: every reminder was sent or saved."))
            return 0
        table = [(_("id"), _("client"), _("status"), _("reason"))]
        table += [(str(i.event_id), i.client, i.status, i.error) for i in items]
        print("\n".join(_aligned(table, right={0}, max_width=70)))
        return 0
    if action == "send":
        return send_thanks(store, ask_password=_ask_password, progress_task=_progress_task)
    if action == "discard":
        if not delivery.discard(store, args.id):
            raise CollectorError(_("There is no message #{id} in the outbox.").format(id=args.id))
        print(_("Message #{id} discarded; the client's history keeps a note of it.").format(
            id=args.id))
        return 0
    if action == "resolve" and args.sent:
        if not delivery.resolve_sent(store, args.id):
            raise CollectorError(_("There is no message #{id} of unknown delivery in the "
                                   "outbox.").format(id=args.id))
        print(_("Message #{id} recorded as sent.").format(id=args.id))
        return 0
    if action == "resolve":
        summary = delivery.resend(store, args.id, ask_password=_ask_password,
                                  task=_progress_task())
        if not summary.results:
            raise CollectorError(_("There is no message #{id} of unknown delivery in the "
                                   "outbox.").format(id=args.id))
    else:  # retry
        if not args.ids and not args.all:
            raise CollectorError(_("Name the messages to retry (their ids, as `collector "
                                   "outbox` lists them), or --all."))
        summary = delivery.retry(store, None if args.all else args.ids,
                                 ask_password=_ask_password, task=_progress_task())
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(summary.text())
    if summary.interrupted:
        return 130
    return 0 if summary.ok else 1


COMMANDS = {
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "aging": cmd_aging,
    "overdue": cmd_overdue,
    "charges": cmd_charges,
    "rates": cmd_rates,
    "backup": cmd_backup,
    "config": cmd_config,
    "remind": cmd_remind,
    "outbox": cmd_outbox,
    "invoice-pdf": cmd_invoice_pdf,
    "statement": cmd_statement,
    "dossier": cmd_dossier,
    "bank": lambda args, store: cmd_bank(args, store),
    "credit-note": lambda args, store: cmd_credit_note(args, store),
}


def cmd_credit_note(args, store) -> int:
    from collector_gui.cli_credit_note import cmd_credit_note as run

    return run(args, store, _print_json)


def _bank_parser(sub) -> None:
    """`collector bank import|unmatched|accept|reject` (the code is in cli_bank.py)."""
    from collector_gui.cli_bank import add_bank_parser

    add_bank_parser(sub, _positive)


def cmd_bank(args, store) -> int:
    from collector_gui.cli_bank import cmd_bank as run

    return run(args, store, print_json=_print_json, aligned=_aligned,
               progress_task=_progress_task)


def _open_window(args: argparse.Namespace) -> int:
    from collector_gui.app import run_app  # Qt only when the window is asked for

    return run_app(args.ledger, sample=args.sample)

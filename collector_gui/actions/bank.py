"""Reading the bank statement: what the command line's `collector bank …` and the window's
Bank page do, Qt-free, so they can never behave differently.

`import_statement` reads a file (format told from its content), matches each credit to open
invoices (core/matching.py) and records the sure ones through `Store.add_payment`, all in one
transaction: a statement is recorded whole or not at all, and the reminders' re-check sees
its payments at once. Proposed and unmatched lines wait for `accept` or `reject`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from collector_gui.bank.csvmap import format_mapping, parse_mapping
from collector_gui.bank.model import Statement, StatementError, StatementLine, line_keys
from collector_gui.bank.read import read_statement
from collector_gui.actions import thanks_rules
from collector_gui.core import clock
from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import N_, _, ngettext
from collector_gui.core.matching import Credit, Decision, InvoiceIndex, Outcome, Reason, decide
from collector_gui.core.model import Payment
from collector_gui.core.money import format_minor
from collector_gui.actions.records import Changes, OpResult
from collector_gui.core.progress import Task
from collector_gui.ledger.bank import BankLedger, BankLine
from collector_gui.ledger.store import Store, StoreError

METHOD = "bank"

REASONS = {
    Reason.NAMED: N_("the text names the invoice and the amount is its balance"),
    Reason.PARTIAL: N_("a part payment of the invoice the text names"),
    Reason.KNOWN_PAYER: N_("a known payer; the amount is the balance of one of their "
                           "invoices"),
    Reason.DEBIT: N_("money going out"),
    Reason.CURRENCY: N_("the invoice named is in another currency"),
    Reason.OVER: N_("more than the balance of the invoices named"),
    Reason.UNDER_SEVERAL: N_("less than the invoices named: which ones does it pay?"),
    Reason.SEVERAL_FIT: N_("several invoices of this payer have that balance"),
    Reason.NO_FIT: N_("a known payer, but no open invoice has that balance"),
    Reason.UNKNOWN: N_("no invoice named and the payer is not known"),
    "duplicate": N_("already imported"),
    "accepted": N_("accepted by you"),
    "rejected": N_("rejected by you"),
}


STATUSES = {"recorded": N_("recorded"), "accepted": N_("accepted"), "proposed": N_("proposed"),
            "unmatched": N_("unmatched"), "ignored": N_("ignored"), "rejected": N_("rejected")}


def status_text(status: str) -> str:
    return _(STATUSES[status]) if status in STATUSES else status


def reason_text(reason: str) -> str:
    return _(REASONS[reason]) if reason in REASONS else reason


@dataclass(frozen=True, slots=True)
class LineResult:
    """One line of the statement and what was done with it."""

    line_id: int | None  # the ledger's bank line (None for debits and duplicates)
    booking_date: dt.date
    amount_minor: int
    currency: str
    text: str
    payer: str
    reference: str
    outcome: str  # recorded, accepted, proposed, unmatched, ignored
    reason: str
    invoices: tuple[tuple[str, int], ...] = ()  # (number, amount) paid or proposed

    def as_json(self) -> dict:
        return {"line_id": self.line_id, "date": self.booking_date.isoformat(),
                "amount_minor": self.amount_minor, "currency": self.currency,
                "text": self.text, "payer": self.payer, "reference": self.reference,
                "outcome": self.outcome, "reason": self.reason,
                "invoices": [{"number": n, "amount_minor": a} for n, a in self.invoices]}


@dataclass
class ImportResult:
    file: str
    formats: list[str]
    accounts: list[str]
    dry_run: bool
    lines: list[LineResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)

    @property
    def recorded_minor(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for line in self.lines:
            if line.outcome in ("recorded", "accepted"):
                out[line.currency] = out.get(line.currency, 0) + line.amount_minor
        return out

    def summary(self) -> str:
        text = _("{recorded} recorded, {proposed} proposed, {unmatched} unmatched, "
                 "{ignored} ignored.").format(
            recorded=self.count("recorded") + self.count("accepted"),
            proposed=self.count("proposed"), unmatched=self.count("unmatched"),
            ignored=self.count("ignored"))
        if self.dry_run:
            text += " " + _("Dry run: nothing was written.")
        return text

    def as_json(self) -> dict:
        return {"file": self.file, "formats": self.formats, "accounts": self.accounts,
                "dry_run": self.dry_run,
                "counts": {k: self.count(k) for k in ("recorded", "accepted", "proposed",
                                                      "unmatched", "ignored")},
                "lines": [line.as_json() for line in self.lines]}


class _DryRun(Exception):
    """Raised inside the import's transaction to roll it back after a dry run."""


def csv_mapping_for(store: Store, bank: str | None, csv_map: str | None) -> dict | None:
    """The mapping given now (checked), or the one saved for *bank*, or None."""
    if csv_map:
        return parse_mapping(csv_map)
    if bank:
        return BankLedger(store).csv_mapping(bank)
    return None


def import_statement(store: Store, path: Path | str, *, bank: str | None = None,
                     csv_map: str | None = None, dry_run: bool = False,
                     accept_proposed: bool = False, task: Task | None = None,
                     data: bytes | None = None) -> ImportResult:
    """Read *path* and record what is sure; see the module's docstring. With *dry_run* the
    same work is done and rolled back; with *accept_proposed* proposals are accepted at once
    (`collector bank import --yes`). Raises StatementError naming the line for a bad file."""
    task = task or Task()
    path = Path(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CollectorError(_("Cannot read {path}: {error}").format(
                path=path, error=exc.strerror or exc)) from None
    mapping = csv_mapping_for(store, bank, csv_map)
    currency = store.get_setting("business.currency", "EUR") or "EUR"
    task.step(0, 0, _("Reading the statement…"))
    statements = read_statement(data, csv_mapping=mapping, account=bank or "",
                                default_currency=currency)
    result = ImportResult(str(path), sorted({s.format for s in statements}),
                          [s.account for s in statements], dry_run)
    books = BankLedger(store)
    try:
        with store.ledger.write() as db:
            if csv_map and bank:
                books.save_csv_mapping(db, bank, mapping)
            index = InvoiceIndex(books.open_invoices())
            batch = _Batch(books.with_discount_terms(),
                           hooks=thanks_rules.enabled(S.Settings(store.settings("thanks."))))
            payers = books.payers()
            total = sum(len(s.lines) for s in statements)
            done = 0
            seen: set[str] = set()
            for statement in statements:
                keys = line_keys(statement.account, statement.lines)
                known = books.known_keys(k for k, line in zip(keys, statement.lines)
                                         if line.is_credit) | seen
                import_id = books.insert_import(db, file_name=path.name,
                                                format=statement.format,
                                                account=statement.account, bank=bank or "")
                counts: dict[str, int] = {}
                for key, line in zip(keys, statement.lines):
                    if done % 500 == 0:
                        task.step(done, total, _("Matching payments…"))
                        batch.stamp = clock.row_stamp()
                    done += 1
                    item = _one_line(store, books, db, index, payers, import_id, key, line,
                                     statement, known, accept_proposed, batch)
                    seen.add(key)
                    counts[item.outcome] = counts.get(item.outcome, 0) + 1
                    result.lines.append(item)
                books.insert_allocations(db, batch.allocations)
                batch.allocations.clear()
                dates = [line.booking_date for line in statement.lines]
                books.set_import_counts(db, import_id, first=min(dates, default=None),
                                        last=max(dates, default=None), counts=counts)
            task.step(total, total, _("Saving…"))
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    return result


@dataclass
class _Batch:
    """What one import carries from line to line: the invoices whose payments need
    Store.add_payment (an early-payment discount), whether thank-yous are on (read once, not
    per payment), the allocations written per statement
    with one executemany, and the row stamp (renewed every 500 lines, not per row)."""

    with_terms: set[int]
    hooks: bool  # a payment that clears its invoice may queue a thank-you (thanks.enabled)
    allocations: list[tuple[int, int, int, int | None]] = field(default_factory=list)
    stamp: str = ""


def _one_line(store: Store, books: BankLedger, db, index: InvoiceIndex, payers, import_id: int,
              key: str, line: StatementLine, statement: Statement, known: set[str],
              accept_proposed: bool, batch: _Batch) -> LineResult:
    def result(outcome: str, reason: str, line_id: int | None = None,
               invoices: tuple[tuple[str, int], ...] = ()) -> LineResult:
        return LineResult(line_id, line.booking_date, line.amount_minor, line.currency,
                          line.text, line.payer_name, line.reference, outcome, reason, invoices)

    if not line.is_credit:
        return result("ignored", Reason.DEBIT)
    if key in known:
        return result("ignored", "duplicate")
    decision: Decision = decide(Credit(line.amount_minor, line.currency, line.text,
                                       line.payer_iban, line.payer_name), index, payers)
    status = decision.outcome.value
    if decision.outcome is Outcome.PROPOSED and accept_proposed:
        status = "accepted"
    client_id = decision.client_id
    if decision.allocations:
        client_id = index.invoices[decision.allocations[0][0]].client_id
    line_id = books.insert_line(db, import_id=import_id, key=key, account=statement.account,
                                line=line, status=status, reason=decision.reason.value,
                                client_id=client_id, stamp=batch.stamp)
    paid = status in ("recorded", "accepted")
    for invoice_id, amount in decision.allocations:
        payment_id = None
        if paid:
            payment = Payment(invoice_id, line.booking_date, amount, METHOD, line.reference)
            if invoice_id in batch.with_terms:  # the discount it may earn: the whole path
                payment_id = store.add_payment(payment).id
            else:  # the index checked it against the balance, in this transaction
                payment_id = store.add_matched_payment(
                    db, payment, hooks=batch.hooks and amount >= index.balance[invoice_id],
                    stamp=batch.stamp)
        batch.allocations.append((line_id, invoice_id, amount, payment_id))
    if paid:
        index.settle(decision.allocations)
    if status == "accepted" and client_id is not None:
        books.learn_payer(db, iban=line.payer_iban, name=line.payer_name, client_id=client_id)
        if line.payer_iban:
            payers.by_iban[line.payer_iban] = client_id
    return result(status, decision.reason.value, line_id,
                  tuple((index.invoices[i].number, a) for i, a in decision.allocations))


# -- deciding what was left ------------------------------------------------------------------

def pending(store: Store) -> list[BankLine]:
    """The lines that still need a decision (proposed and unmatched), oldest first."""
    return BankLedger(store).lines()


def line_json(line: BankLine) -> dict:
    return {"line_id": line.id, "date": line.booking_date.isoformat(),
            "amount_minor": line.amount_minor, "currency": line.currency, "text": line.text,
            "payer": line.payer_name, "payer_iban": line.payer_iban,
            "reference": line.reference, "status": line.status, "reason": line.reason,
            "client": line.client_name,
            "invoices": [{"number": a.number, "amount_minor": a.amount_minor}
                         for a in line.allocations]}


@dataclass(frozen=True, slots=True)
class DecisionResult:
    line_id: int
    status: str  # accepted / rejected
    invoices: tuple[tuple[str, int], ...]
    currency: str
    learnt: tuple[str, ...] = ()  # what was learnt about the payer ("IBAN …", "name …")

    def text(self, locale: str = "en") -> str:
        if self.status == "rejected":
            return _("Line {id} rejected: nothing was recorded.").format(id=self.line_id)
        paid = ", ".join(f"{n} ({format_minor(a, self.currency, locale)})"
                         for n, a in self.invoices)
        text = _("Line {id} accepted: recorded against {invoices}.").format(
            id=self.line_id, invoices=paid)
        if self.learnt:
            text += " " + _("Collector will know this payer next time.")
        return text


def _pending_line(books: BankLedger, line_id: int, allowed: Sequence[str]) -> BankLine:
    line = books.line(line_id)
    if line is None:
        raise CollectorError(_("There is no bank line {id}.").format(id=line_id))
    if line.status not in allowed:
        raise CollectorError(_("Bank line {id} is already {status}.").format(
            id=line_id, status=status_text(line.status)))
    return line


def accept(store: Store, line_id: int, invoices: Sequence[str] = (),
           task: Task | None = None) -> DecisionResult:
    """Record a waiting line: against its proposal, or against the invoices named (in that
    order, each paid up to its balance; a single one may be paid in part). Teaches the
    payer's IBAN and name -> the client."""
    (task or Task()).step(0, 1, _("Recording the payment…"))
    books = BankLedger(store)
    line = _pending_line(books, line_id, ("proposed", "unmatched", "rejected"))
    if invoices:
        allocations = _allocate(store, line, invoices)
    elif line.status == "proposed" and line.allocations:
        allocations = [(a.invoice_id, a.number, a.amount_minor) for a in line.allocations]
    else:
        raise CollectorError(_("Bank line {id} has no proposal: name the invoices it pays "
                               "(collector bank accept {id} NUMBER…).").format(id=line_id))
    with store.ledger.write() as db:
        books.clear_allocations(db, line_id)
        client_id = None
        for invoice_id, number, amount in allocations:
            invoice = store.get_invoice(invoice_id)
            client_id = client_id or invoice.client_id
            balance = invoice.total_minor - invoice.paid_minor
            if amount > balance or invoice.void or invoice.draft:
                raise CollectorError(_("Invoice {number} has {balance} left to pay now: the "
                                       "proposal no longer fits. Name the invoices this line "
                                       "pays.").format(number=number, balance=format_minor(
                                           max(balance, 0), invoice.currency)))
            payment = store.add_payment(Payment(invoice_id, line.booking_date, amount, METHOD,
                                                line.reference))
            books.insert_allocation(db, line_id, invoice_id, amount, payment.id)
        books.set_status(db, line_id, "accepted", "accepted", client_id)
        books.learn_payer(db, iban=line.payer_iban, name=line.payer_name, client_id=client_id)
    learnt = tuple(x for x in (line.payer_iban, line.payer_name) if x)
    return DecisionResult(line_id, "accepted", tuple((n, a) for _i, n, a in allocations),
                          line.currency, learnt)


def _allocate(store: Store, line: BankLine, numbers: Sequence[str]
              ) -> list[tuple[int, str, int]]:
    left = line.amount_minor
    out = []
    for number in numbers:
        invoice = store.find_invoice(number)
        if invoice is None:
            raise CollectorError(_("There is no invoice {number}.").format(number=number))
        if invoice.currency != line.currency:
            raise CollectorError(_("Invoice {number} is in {currency}; the payment is in "
                                   "{paid}.").format(number=invoice.number,
                                                     currency=invoice.currency,
                                                     paid=line.currency))
        balance = invoice.total_minor - invoice.paid_minor
        if invoice.void or invoice.draft or balance <= 0 or left <= 0:
            raise CollectorError(_("Invoice {number} cannot take any of this payment (paid, "
                                   "void, draft, or the payment is used up before it).").format(
                number=invoice.number))
        amount = min(balance, left)
        out.append((invoice.id, invoice.number, amount))
        left -= amount
    if left > 0:
        raise CollectorError(_("The payment ({amount}) is more than the balance of the "
                               "invoices named; nothing was recorded.").format(
            amount=format_minor(line.amount_minor, line.currency)))
    return out


def reject(store: Store, line_id: int) -> DecisionResult:
    """Not a client's payment (or not one to record): it leaves the list, nothing is
    recorded."""
    books = BankLedger(store)
    line = _pending_line(books, line_id, ("proposed", "unmatched"))
    with store.ledger.write() as db:
        books.clear_allocations(db, line_id)
        books.set_status(db, line_id, "rejected", "rejected", line.client_id)
    return DecisionResult(line_id, "rejected", (), line.currency)


# -- the window's operations (OpResult, undo) -----------------------------------------------

@dataclass(frozen=True, slots=True)
class LineState:
    """A line as it was before a decision, and what the ledger knew of its payer: what the
    decision's undo puts back."""

    line: BankLine
    payers: tuple[tuple[str, str, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Decided:
    result: DecisionResult
    before: LineState


def _line_changes(*lines: BankLine) -> Changes:
    invoices = {a.invoice_id for line in lines for a in line.allocations}
    payments = {a.payment_id for line in lines for a in line.allocations if a.payment_id}
    return Changes.of(bank_lines=[line.id for line in lines], invoices=invoices,
                      payments=payments)


def _decide(store: Store, line_id: int, decide_now) -> OpResult[Decided]:
    books = BankLedger(store)
    with store.ledger.write():  # the state before and the decision, in one transaction
        line = books.line(line_id)
        if line is None:
            raise CollectorError(_("There is no bank line {id}.").format(id=line_id))
        before = LineState(line, books.payer_rows(iban=line.payer_iban, name=line.payer_name))
        result = decide_now()
        after = books.line(line_id)
    return OpResult(Decided(result, before), _line_changes(line, after or line))


def accept_line(store: Store, line_id: int, invoices: Sequence[str] = ()
                ) -> OpResult[Decided]:
    """`accept` for the window: its value says what the line was, for the undo."""
    return _decide(store, line_id, lambda: accept(store, line_id, invoices))


def reject_line(store: Store, line_id: int) -> OpResult[Decided]:
    return _decide(store, line_id, lambda: reject(store, line_id))


def undo_decision(store: Store, before: LineState) -> OpResult[BankLine]:
    """Take a decision back: the payments it recorded are deleted, the line is as it was
    (proposed with its proposal, unmatched, or rejected) and so is what was known of the
    payer."""
    books = BankLedger(store)
    old = before.line
    with store.ledger.write() as db:
        now = books.line(old.id)
        if now is None or now.status not in ("accepted", "rejected"):
            raise CollectorError(_("Bank line {id} is no longer as that decision left it.")
                                 .format(id=old.id))
        for allocation in now.allocations:
            if allocation.payment_id is not None:
                store.delete_payment(allocation.payment_id)
        books.restore_line(db, old)
        books.restore_payers(db, iban=old.payer_iban, name=old.payer_name,
                             rows=before.payers)
    return OpResult(old, _line_changes(now, old))


def import_op(store: Store, path: Path | str, *, task: Task | None = None
              ) -> OpResult[ImportResult]:
    """`import_statement` for the window: every table may have changed."""
    result = import_statement(store, path, task=task)
    return OpResult(result, Changes.everything() | Changes.of(bank_lines=[]))


# -- the reminder's warning ------------------------------------------------------------------

def last_import_notice(store: Store, today: dt.date, *, window: bool = False) -> str:
    """What `collector remind` (and the reminder wizard, *window*) says first: how old the
    bank's news is."""
    last = BankLedger(store).last_import_at()
    if last is None:
        if window:
            return _("No bank statement has been imported yet: payments you received are not "
                     "in Collector, so a reminder may go to a client who has paid. Import one "
                     "from File ▸ Import bank statement.")
        return _("No bank statement has been imported yet: payments you received are not in "
                 "Collector, so a reminder may go to a client who has paid. Import one with "
                 "`collector bank import FILE`.")
    days = max((today - last.date()).days, 0)
    if days == 0:
        return _("Your last bank import was today: payments since then are not in Collector.")
    return ngettext("Your last bank import was {n} day ago: payments since then are not in "
                    "Collector.",
                    "Your last bank import was {n} days ago: payments since then are not in "
                    "Collector.", days).format(n=days)


__all__ = ["ImportResult", "LineResult", "DecisionResult", "import_statement", "pending",
           "accept", "reject", "last_import_notice", "accept_line", "reject_line",
           "undo_decision", "import_op", "LineState", "Decided", "reason_text", "line_json",
           "StatementError", "StoreError", "format_mapping"]

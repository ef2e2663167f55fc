"""Which open invoices a payment that arrived in the bank pays: the rules, and nothing else
(no I/O, no SQL), so the command line and the window decide alike and the tests can say so.

- **recorded** at once when the remittance text names the invoice number(s) and the amount
  is their open balance (the sum, same currency), or less than the balance of the one
  invoice named (a partial payment);
- **proposed** when nothing is named but the payer is known (their IBAN or name, learnt when
  the user confirmed a match) and the amount is the balance of exactly one open invoice of
  that client;
- **unmatched** whenever it is doubtful: two invoices fit, nothing is named and the payer is
  unknown, another currency, more than the named balances, less than several named ones;
- **ignored**: money going out.

Numbers are found by their letter and digit runs, whatever separates them, so "FRA 2026-0042",
"Fra.2026/0042", "factura 2026 0042" and "INV20260042" all name 2026-0042; "2026-004" does not
name it (a run is never cut). A bare number of fewer than four digits ("17") counts only right
after a word such as FRA, Factura, Invoice, Inv or Nº.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

_RUNS = re.compile(r"[0-9]+|[^\W\d_]+")
PREFIXES = frozenset({
    "FRA", "FRAS", "FRAC", "FAC", "FACT", "FACTURA", "FACTURAS", "FTRA", "FCT", "INV",
    "INVOICE", "INVOICES", "INVS", "NO", "NUM", "NUMERO", "NÚMERO", "Nº", "NR", "REF",
    "RECHNUNG", "RE", "N",
})


def runs(text: str) -> tuple[str, ...]:
    """The letter and digit runs of *text*, upper case: "Fra.2026/0042" -> FRA 2026 0042."""
    return tuple(_RUNS.findall((text or "").upper()))


def payer_key(name: str) -> str:
    """A payer's name as it is remembered: no accents, case or punctuation."""
    plain = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = "".join(c for c in plain.casefold() if c.isalnum() or c.isspace())
    return " ".join(plain.split())


class Outcome(StrEnum):
    RECORDED = "recorded"
    PROPOSED = "proposed"
    UNMATCHED = "unmatched"
    IGNORED = "ignored"


class Reason(StrEnum):
    NAMED = "named"  # the text names the invoices and the amount is their balance
    PARTIAL = "partial"  # less than the balance of the one invoice named
    KNOWN_PAYER = "known-payer"  # a known payer, the balance of exactly one invoice
    DEBIT = "debit"
    CURRENCY = "currency"  # the invoices named are in another currency
    OVER = "over"  # more than the named invoices' balances
    UNDER_SEVERAL = "under-several"  # less than several named invoices: which ones?
    SEVERAL_FIT = "several-fit"  # two or more of the payer's invoices have that balance
    NO_FIT = "no-fit"  # a known payer, but no open invoice has that balance
    UNKNOWN = "unknown"  # nothing named, payer not known


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    id: int
    number: str
    client_id: int
    currency: str
    balance_minor: int


@dataclass(frozen=True, slots=True)
class Credit:
    amount_minor: int
    currency: str
    text: str = ""
    payer_iban: str = ""
    payer_name: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    reason: Reason
    allocations: tuple[tuple[int, int], ...] = ()  # (invoice id, amount in minor units)
    named: tuple[int, ...] = ()  # the open invoices the text names
    client_id: int | None = None  # the known payer's client


@dataclass
class PayerBook:
    """What the user taught: payer IBAN -> client, payer name (payer_key) -> client."""

    by_iban: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)

    def client_for(self, iban: str, name: str) -> int | None:
        if iban and iban in self.by_iban:
            return self.by_iban[iban]
        key = payer_key(name)
        return self.by_name.get(key) if key else None


class InvoiceIndex:
    """The open invoices, findable by the runs of their numbers and by client; balances go
    down as the payments of one statement are recorded (`settle`)."""

    def __init__(self, invoices: Iterable[OpenInvoice]) -> None:
        self.invoices: dict[int, OpenInvoice] = {}
        self.balance: dict[int, int] = {}
        # every way of writing each number, as its runs -> (invoice, needs an invoice word)
        self._by_seq: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
        self._lengths: set[int] = set()
        self._by_client: dict[int, list[int]] = {}
        for inv in invoices:
            self.add(inv)

    def add(self, inv: OpenInvoice) -> None:
        self.invoices[inv.id] = inv
        self.balance[inv.id] = inv.balance_minor
        self._by_client.setdefault(inv.client_id, []).append(inv.id)
        seq = runs(inv.number)
        if not seq:
            return
        variants = {seq, ("".join(seq),)}
        lead = 0
        while lead < len(seq) and not seq[lead].isdigit():
            lead += 1
        rest = seq[lead:]
        # "FRA-2026-0042" is also named by "2026-0042", when that is long enough to be safe.
        if 0 < lead < len(seq) and sum(len(r) for r in rest) >= 4:
            variants |= {rest, ("".join(rest),)}
        for variant in variants:
            weak = len(variant) == 1 and variant[0].isdigit() and len(variant[0]) < 4
            self._by_seq.setdefault(variant, []).append((inv.id, weak))
            self._lengths.add(len(variant))

    def named_in(self, text: str) -> list[OpenInvoice]:
        """The open invoices *text* names, in the order it names them (each once)."""
        tokens = runs(text)
        found: dict[int, None] = {}
        lengths = sorted(self._lengths)
        for i in range(len(tokens)):
            for n in lengths:
                if i + n > len(tokens):
                    break
                for inv_id, weak in self._by_seq.get(tokens[i:i + n], ()):
                    if self.balance.get(inv_id, 0) <= 0:
                        continue
                    if weak and (i == 0 or tokens[i - 1] not in PREFIXES):
                        continue
                    found[inv_id] = None
        return [self.invoices[i] for i in found]

    def open_of_client(self, client_id: int) -> list[OpenInvoice]:
        return [self.invoices[i] for i in self._by_client.get(client_id, ())
                if self.balance[i] > 0]

    def settle(self, allocations: Iterable[tuple[int, int]]) -> None:
        for inv_id, amount in allocations:
            self.balance[inv_id] -= amount


def decide(credit: Credit, index: InvoiceIndex, payers: PayerBook) -> Decision:
    """What to do with one line of the statement (see the module's rules)."""
    if credit.amount_minor <= 0:
        return Decision(Outcome.IGNORED, Reason.DEBIT)
    named = index.named_in(credit.text)
    if named:
        ids = tuple(inv.id for inv in named)
        if any(inv.currency != credit.currency for inv in named):
            return Decision(Outcome.UNMATCHED, Reason.CURRENCY, named=ids)
        balances = [index.balance[inv.id] for inv in named]
        total = sum(balances)
        if credit.amount_minor == total:
            return Decision(Outcome.RECORDED, Reason.NAMED, tuple(zip(ids, balances)), ids)
        if credit.amount_minor > total:
            return Decision(Outcome.UNMATCHED, Reason.OVER, named=ids)
        if len(named) == 1:
            return Decision(Outcome.RECORDED, Reason.PARTIAL, ((ids[0], credit.amount_minor),),
                            ids)
        return Decision(Outcome.UNMATCHED, Reason.UNDER_SEVERAL, named=ids)
    client = payers.client_for(credit.payer_iban, credit.payer_name)
    if client is None:
        return Decision(Outcome.UNMATCHED, Reason.UNKNOWN)
    fits = [inv for inv in index.open_of_client(client)
            if inv.currency == credit.currency and index.balance[inv.id] == credit.amount_minor]
    if len(fits) == 1:
        return Decision(Outcome.PROPOSED, Reason.KNOWN_PAYER,
                        ((fits[0].id, credit.amount_minor),), client_id=client)
    if fits:
        return Decision(Outcome.UNMATCHED, Reason.SEVERAL_FIT, client_id=client)
    return Decision(Outcome.UNMATCHED, Reason.NO_FIT, client_id=client)

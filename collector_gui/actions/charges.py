"""Late charges as the law computes them: `collector charges`, `collector rates`, and the
policy every document and reminder uses (the business's `late.*` settings, the official
rates per half-year, each client's override).

The official rates ship in resources/rates/reference_rates.json; rates the user adds are
kept in the ledger's settings table as `rates.<rule>.<half-year>` (a JSON object with the
rate and its source) and take precedence over the shipped ones.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from collector_gui import paths
from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _, ngettext
from collector_gui.core.latefees import LateCharges, LatePolicy, late_charges
from collector_gui.core.model import Client
from collector_gui.core.money import minor_to_string
from collector_gui.core.rates import (
    POINTS,
    HalfYear,
    RateError,
    RateRow,
    RateTable,
    check_rule,
    parse_rate,
)
from collector_gui.ledger.documents_data import client_payments, invoices_as_of
from collector_gui.ledger.store import Store

USER_PREFIX = "rates."


def rates_file() -> Path:
    return paths.bundled_dir("resources") / "rates" / "reference_rates.json"


@lru_cache(maxsize=1)
def shipped_rates() -> RateTable:
    """The official rates shipped with Collector (read once per process)."""
    path = rates_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CollectorError(_("Cannot read the official rates in {path}: {error}").format(
            path=path, error=exc)) from None
    return RateTable.from_data(data)


def user_rates(store: Store) -> list[RateRow]:
    """The rates the user added (`collector rates add`), from the ledger."""
    rows = []
    for key, value in store.settings(USER_PREFIX).items():
        try:
            rule, period = key[len(USER_PREFIX):].split(".", 1)
            item = json.loads(value)
            rows.append(RateRow(check_rule(rule), HalfYear.parse(period),
                                parse_rate(item["rate"]), str(item.get("source", "")),
                                user=True))
        except (ValueError, KeyError, TypeError) as exc:
            raise CollectorError(_("The rate saved as {key} in the ledger cannot be read "
                                   "({error}); add it again with `collector rates add`.")
                                 .format(key=key, error=exc)) from None
    return rows


def rate_table(store: Store) -> RateTable:
    """The shipped rates with the user's on top."""
    return shipped_rates().merged(user_rates(store))


def late_policy(store: Store) -> LatePolicy:
    """The business's late-charges policy, with the official rates of each half-year."""
    return LatePolicy.from_settings(S.Settings(store.settings("late.")), rate_table(store))


def add_rate(store: Store, rule: str, period: str, rate: str, source: str) -> RateRow:
    """Save a half-year's rate for *rule* in the ledger (it wins over the shipped one).

    *rate* is as the source publishes it: for es the BOE's legal rate (the 8 points
    included), for eu and uk the central bank's rate (Collector adds the 8 points).
    """
    rule = check_rule(rule)
    half = HalfYear.parse(period)
    value = parse_rate(rate)
    source = " ".join((source or "").split())
    if not source:
        raise RateError(_("Say where the rate comes from with --source (for example the BOE "
                          "resolution, or the central bank's decision and its date)."))
    if rule == "es" and value < POINTS["eu"]:
        raise RateError(_("The BOE's legal rate for es already includes the 8 points, so it "
                          "is 8 or more; did you mean {rate}?").format(rate=value + 8))
    row = RateRow(rule, half, value, source, user=True)
    store.set_setting(f"{USER_PREFIX}{rule}.{half}",
                      json.dumps({"rate": str(value), "source": source}, ensure_ascii=False))
    return row


def list_rates(store: Store) -> list[RateRow]:
    return rate_table(store).rows()


# -- charges per overdue invoice ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ChargeRow:
    """One overdue invoice and what the law (or the contract) adds to it."""

    number: str
    client: str
    currency: str
    balance_minor: int
    charges: LateCharges

    def as_json(self) -> dict:
        text = minor_to_string
        return {"number": self.number, "client": self.client, "currency": self.currency,
                "balance": text(self.balance_minor, self.currency),
                "interest": text(self.charges.interest_minor, self.currency),
                "compensation": text(self.charges.fee_minor, self.currency),
                "rule": self.charges.rule}


@dataclass(slots=True)
class ChargesReport:
    as_of: dt.date
    rows: list[ChargeRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        out: dict = {"as_of": self.as_of.isoformat(),
                     "invoices": [r.as_json() for r in self.rows]}
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


def _missing_warning(rule: str, period: HalfYear, numbers: list[str]) -> str:
    return ngettext(
        "No official {rule} rate for {period} is known: invoice {numbers} earns no interest "
        "for its days in that half-year. Add the rate with `collector rates add {rule} "
        "{period} RATE --source TEXT`.",
        "No official {rule} rate for {period} is known: invoices {numbers} earn no interest "
        "for their days in that half-year. Add the rate with `collector rates add {rule} "
        "{period} RATE --source TEXT`.",
        len(numbers)).format(rule=rule, period=period, numbers=", ".join(numbers))


def charges(store: Store, as_of: dt.date, client: str | None = None) -> ChargesReport:
    """Interest and fixed compensation per invoice overdue on *as_of* (only those with a
    balance then), each under its client's rule; with warnings for half-years without an
    official rate."""
    only: int | None = None
    if client is not None:
        found = store.find_client(client)
        if found is None:
            raise CollectorError(_("There is no client named {name}.").format(
                name=repr(client.strip())))
        only = found.id
    report = ChargesReport(as_of)
    with store.ledger.read():  # one snapshot for every query
        business = late_policy(store)
        overdue = store.overdue(as_of, only)
        client_ids = list(dict.fromkeys(r.client_id for r in overdue))
        wanted = {r.invoice_id for r in overdue}
        clients: dict[int, Client] = {cid: store.get_client(cid) for cid in client_ids}
        found_rows = []
        for cid in client_ids:
            policy = business.for_client(clients[cid].late_mode)
            paid: dict[int, list] = {}
            for cp in client_payments(store, cid, end=as_of):
                paid.setdefault(cp.payment.invoice_id, []).append(cp.payment)
            for inv in invoices_as_of(store, cid, as_of):
                if inv.id in wanted:
                    found_rows.append((inv, clients[cid].name,
                                       late_charges(inv, as_of, policy, paid.get(inv.id, []))))
    order = {r.invoice_id: i for i, r in enumerate(overdue)}
    found_rows.sort(key=lambda t: order[t[0].id])
    missing: dict[tuple[str, HalfYear], list[str]] = {}
    for inv, name, result in found_rows:
        report.rows.append(ChargeRow(inv.number, name, inv.currency, inv.balance_minor, result))
        for period in result.missing:
            missing.setdefault((result.rule, period), []).append(inv.number)
    for (rule, period), numbers in sorted(missing.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        report.warnings.append(_missing_warning(rule, period, numbers))
    if business.reference_set and any(r.charges.rule in POINTS for r in report.rows):
        report.warnings.append(_(
            "late.reference_rate is set to {rate}%, so that one rate is used for every "
            "half-year instead of the official ones; clear it (`collector config set "
            "late.reference_rate \"\"`) to follow the law's half-year rates.").format(
            rate=business.reference_rate))
    return report


def total_minor(report: ChargesReport) -> dict[str, tuple[int, int]]:
    """(interest, compensation) per currency over the report."""
    out: dict[str, tuple[int, int]] = {}
    for r in report.rows:
        interest, fee = out.get(r.currency, (0, 0))
        out[r.currency] = (interest + r.charges.interest_minor, fee + r.charges.fee_minor)
    return out


def yearly_rate_text(rate: Decimal) -> str:
    return f"{rate.normalize():f}%"

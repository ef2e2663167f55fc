"""The sample-data generator behind `collector demo` (and the bench ledgers)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from collector_gui.actions.demo import DemoSummary, generate_demo
from collector_gui.actions.progress import Task
from collector_gui.core import aging as core_aging
from collector_gui.core import clock
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.core.model import Client, InvoiceLine, invoice_totals
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store, invoice_from_row
from tests.helpers.dates import TODAY

STAGES = {"pre-due", "due", "polite", "firm", "final"}


@pytest.fixture
def fresh(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        yield ledger


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One 300-invoice sample, shared by the read-only checks below."""
    path = tmp_path_factory.mktemp("demo") / "l.sqlite"
    with Ledger.open(path) as ledger:
        summary = generate_demo(ledger, invoices=300, seed=1, today=TODAY)
        yield ledger, summary


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A bigger sample (500 clients), for rules that rare cases could break."""
    path = tmp_path_factory.mktemp("big") / "l.sqlite"
    with Ledger.open(path) as ledger:
        generate_demo(ledger, invoices=20_000, seed=3, today=TODAY)
        yield ledger


@pytest.fixture(params=["demo", "big"])
def sample(request) -> Ledger:
    """The checks that must hold in every sample run on both."""
    if request.param == "demo":
        return request.getfixturevalue("demo")[0]
    return request.getfixturevalue("big")


def rows(ledger: Ledger, sql: str, params=()) -> list[tuple]:
    return ledger.conn.execute(sql, params).fetchall()


def count(ledger: Ledger, table: str) -> int:
    return ledger.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def dump(ledger: Ledger) -> dict[str, list[tuple]]:
    """Every table the demo writes (not the record of migrations, which has a timestamp)."""
    tables = [r[0] for r in rows(ledger, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE '%sqlite_%' ORDER BY name")]
    return {t: rows(ledger, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}


# -- what is there -------------------------------------------------------------------------


def test_summary_matches_the_tables(demo):
    ledger, summary = demo
    assert isinstance(summary, DemoSummary)
    assert summary.invoices == count(ledger, "invoices") == 300
    assert summary.clients == count(ledger, "clients") == 8  # max(8, 300 / 40)
    assert summary.payments == count(ledger, "payments") > 200
    assert summary.contact_events == count(ledger, "contact_events") > 50
    assert summary.invoice_lines == count(ledger, "invoice_lines") > 100
    used = {r[0] for r in rows(ledger, "SELECT DISTINCT currency FROM invoices")}
    assert set(summary.currencies) == used


def test_client_count_scales_with_invoices(fresh):
    summary = generate_demo(fresh, invoices=2000, today=TODAY)
    assert summary.clients == count(fresh, "clients") == 50


def test_every_aging_bucket_has_money(demo):
    ledger, _ = demo
    store = Store(ledger)
    report = store.aging(TODAY)
    for bucket in core_aging.BUCKETS:
        assert sum(report.buckets[cur][bucket] for cur in report.currencies) > 0, bucket
    # The store's SQL and core's rule over every invoice agree.
    invoices = [invoice_from_row(r) for r in ledger.db.query("SELECT * FROM invoices")]
    assert core_aging.aging(invoices, TODAY) == report


@pytest.mark.parametrize("invoices", [10, 60, 300])
@pytest.mark.parametrize("seed", [2, 3, 4])
def test_every_aging_bucket_whatever_the_seed(fresh, seed, invoices):
    generate_demo(fresh, invoices=invoices, seed=seed, today=TODAY)
    report = Store(fresh).aging(TODAY)
    for bucket in core_aging.BUCKETS:
        assert any(report.buckets[cur][bucket] > 0 for cur in report.currencies), bucket


def test_some_invoices_are_overdue(demo):
    ledger, _ = demo
    overdue = Store(ledger).overdue(TODAY)
    assert len(overdue) >= 5
    assert all(row.days_overdue > 0 and row.balance_minor > 0 for row in overdue)


def test_clients_in_both_languages_and_four_currencies(demo):
    ledger, _ = demo
    assert {r[0] for r in rows(ledger, "SELECT DISTINCT language FROM clients")} == {"es", "en"}
    currencies = {r[0] for r in rows(ledger, "SELECT DISTINCT currency FROM invoices")}
    assert len(currencies) >= 3 and "JPY" in currencies and "EUR" in currencies


def test_clients_look_real(demo):
    ledger, _ = demo
    clients = Store(ledger).clients()
    names = [c.name for c in clients]
    assert len({n.casefold() for n in names}) == len(names)
    assert any(re.search(r"[^\x00-\x7f]", c.name + c.address) for c in clients)  # accents
    for client in clients:
        assert isinstance(client, Client)
        assert re.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+\.example", client.email), client.email
        assert client.phone.startswith("+") and client.address and client.tax_id
        assert client.payment_terms_days in (14, 30, 45, 60)
        assert client.currency in ("EUR", "USD", "GBP", "JPY")
    assert sum(c.on_hold for c in clients) >= 1
    assert sum(c.reminders_paused for c in clients) >= 1
    assert not any(c.on_hold and c.reminders_paused for c in clients)


def test_many_clients_stay_unique_and_have_billing_contacts(fresh):
    generate_demo(fresh, invoices=12_000, seed=5, today=TODAY)  # 300 clients
    clients = Store(fresh).clients()
    assert len(clients) == 300
    assert len({c.name.casefold() for c in clients}) == 300
    billing = [c for c in clients if c.billing_email]
    assert billing and all(c.billing_name and c.billing_email != c.email for c in billing)
    assert any(c.credit_limit_minor for c in clients)
    assert {c.payment_terms_days for c in clients} == {14, 30, 45, 60}
    assert {c.language for c in clients} == {"es", "en"}


def test_ledger_is_consistent(sample):
    ledger = sample
    assert rows(ledger, "PRAGMA foreign_key_check") == []
    assert rows(ledger, "PRAGMA integrity_check") == [("ok",)]


def test_paid_is_the_sum_of_payments(sample):
    ledger = sample
    mismatched = rows(ledger, """
        SELECT i.number, i.paid_minor, coalesce(SUM(p.amount_minor), 0) AS paid
          FROM invoices i LEFT JOIN payments p ON p.invoice_id = i.id
         GROUP BY i.id HAVING i.paid_minor != paid""")
    assert mismatched == []
    states = rows(ledger, """
        SELECT sum(paid_minor = total_minor), sum(paid_minor > 0 AND paid_minor < total_minor),
               sum(paid_minor = 0) FROM invoices WHERE draft = 0 AND void = 0""")[0]
    fully, partly, unpaid = states
    total = fully + partly + unpaid
    assert fully > total / 2 and partly >= 3 and unpaid >= 10


def test_totals_are_their_lines(sample):
    ledger = sample
    by_invoice: dict[int, list[InvoiceLine]] = {}
    for inv_id, desc, qty, price, rate in rows(
        ledger, "SELECT invoice_id, description, quantity, unit_price_minor, tax_rate "
                "FROM invoice_lines ORDER BY invoice_id, position"):
        by_invoice.setdefault(inv_id, []).append(InvoiceLine(desc, Decimal(qty), price, Decimal(rate)))
    totals = dict(rows(ledger, "SELECT id, total_minor FROM invoices"))
    assert len(by_invoice) >= len(totals) / 2  # most invoices have lines; the rest only a total
    assert len(by_invoice) < len(totals)
    for inv_id, lines in by_invoice.items():
        assert invoice_totals(lines).total_minor == totals[inv_id], inv_id
    # Quarter hours (whose amounts need rounding) and a mix of tax rates are exercised.
    assert any((line.quantity * line.unit_price_minor) % 1
               for ls in by_invoice.values() for line in ls)
    assert len({line.tax_rate for ls in by_invoice.values() for line in ls}) >= 3


def test_amounts_are_realistic(sample):
    ledger = sample
    for currency, low, high in rows(ledger, "SELECT currency, min(total_minor), max(total_minor) "
                                            "FROM invoices GROUP BY currency"):
        if currency == "JPY":
            assert 10_000 <= low and high <= 5_000_000, (low, high)
        else:
            assert 50_00 <= low and high <= 40_000_00, (currency, low, high)


def test_dates_are_in_order_and_never_after_today(sample):
    ledger = sample
    today = TODAY.isoformat()
    first, last = rows(ledger, "SELECT min(issue_date), max(issue_date) FROM invoices")[0]
    assert last <= today and first >= (TODAY - dt.timedelta(days=3 * 366)).isoformat()
    assert rows(ledger, "SELECT p.id FROM payments p JOIN invoices i ON i.id = p.invoice_id "
                        "WHERE p.date > ? OR p.date <= i.issue_date", (today,)) == []
    assert rows(ledger, "SELECT id FROM contact_events WHERE substr(at, 1, 10) > ?", (today,)) == []
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", r[0])
               for r in rows(ledger, "SELECT at FROM contact_events"))
    # Chasing starts at the due date (a pre-due notice comes before it, after the issue).
    early = rows(ledger, """
        SELECT e.id, e.stage, e.at, i.issue_date, i.due_date FROM contact_events e
          JOIN contact_event_invoices ei ON ei.event_id = e.id
          JOIN invoices i ON i.id = ei.invoice_id
         WHERE CASE WHEN e.stage = 'pre-due'
                    THEN substr(e.at, 1, 10) >= i.due_date OR substr(e.at, 1, 10) < i.issue_date
                    ELSE substr(e.at, 1, 10) < i.due_date END""")
    assert early == []
    # No reminder after an invoice was paid in full.
    assert rows(ledger, """
        SELECT e.id FROM contact_events e
          JOIN contact_event_invoices ei ON ei.event_id = e.id
          JOIN invoices i ON i.id = ei.invoice_id
         WHERE i.paid_minor = i.total_minor
           AND substr(e.at, 1, 10) >= (SELECT max(date) FROM payments WHERE invoice_id = i.id)""") == []


def test_numbers_are_unique_and_per_year(demo):
    ledger, _ = demo
    numbers = rows(ledger, "SELECT number, issue_date FROM invoices ORDER BY id")
    assert len({n for n, _ in numbers}) == 300
    for number, issue in numbers:
        assert re.fullmatch(r"\d{4}-\d{4,}", number) and number[:4] == issue[:4]


def test_flags_drafts_void_disputed_paused(demo):
    ledger, _ = demo
    flags = rows(ledger, "SELECT sum(draft), sum(void), sum(disputed), sum(reminders_paused) "
                         "FROM invoices")[0]
    assert all(n >= 2 for n in flags), flags
    assert rows(ledger, "SELECT count(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id "
                        "WHERE i.draft OR i.void") == [(0,)]
    # Disputes and pauses are on invoices that are still open and overdue.
    assert rows(ledger, "SELECT count(*) FROM invoices WHERE (disputed OR reminders_paused) "
                        "AND (paid_minor = total_minor OR due_date >= ?)", (TODAY.isoformat(),)) == [(0,)]


def test_contact_history(demo):
    ledger, _ = demo
    kinds = {r[0] for r in rows(ledger, "SELECT DISTINCT kind FROM contact_events")}
    assert kinds == {"email", "call", "letter", "note", "promise"}
    emails = rows(ledger, "SELECT stage, status, subject, body, message_id FROM contact_events "
                          "WHERE kind = 'email'")
    assert {e[0] for e in emails} == STAGES
    assert all(e[1] == "sent" and e[2] and e[3] and re.fullmatch(r"<.+@.+>", e[4]) for e in emails)
    assert len({e[4] for e in emails}) == len(emails)
    assert rows(ledger, "SELECT count(*) FROM contact_events e WHERE NOT EXISTS "
                        "(SELECT 1 FROM contact_event_invoices WHERE event_id = e.id)") == [(0,)]
    # Promises to pay: some broken (date passed, still unpaid), some kept.
    promises = rows(ledger, """
        SELECT e.promised_date, e.promised_minor, i.total_minor - i.paid_minor,
               (SELECT max(date) FROM payments WHERE invoice_id = i.id)
          FROM contact_events e JOIN contact_event_invoices ei ON ei.event_id = e.id
          JOIN invoices i ON i.id = ei.invoice_id WHERE e.kind = 'promise'""")
    assert all(p[0] and p[1] > 0 for p in promises)
    broken = [p for p in promises if p[0] < TODAY.isoformat() and p[2] > 0]
    kept = [p for p in promises if p[2] == 0 and p[3] <= p[0]]
    assert broken and kept


def test_spanish_and_english_texts(demo):
    ledger, _ = demo
    texts = rows(ledger, "SELECT c.language, e.subject FROM contact_events e "
                         "JOIN clients c ON c.id = e.client_id WHERE e.kind = 'email'")
    assert any(lang == "es" and "factura" in s.lower() for lang, s in texts)
    assert any(lang == "en" and "invoice" in s.lower() for lang, s in texts)
    assert not any(lang == "en" and "factura" in s.lower() for lang, s in texts)


# -- the business profile --------------------------------------------------------------------


def test_sets_a_business_profile_when_there_is_none(demo):
    ledger, _ = demo
    settings = Store(ledger).settings("business.")
    assert settings["business.name"]
    assert settings["business.iban"] == "ES9121000418450200051332"
    assert settings["business.currency"] == "EUR"
    for key in ("address", "email", "phone", "tax_id", "bic", "payment_instructions",
                "late_terms", "language"):
        assert settings[f"business.{key}"], key


def test_keeps_the_users_business_profile(fresh):
    Store(fresh).set_setting("business.name", "Ana Torres")
    generate_demo(fresh, invoices=50, today=TODAY)
    settings = Store(fresh).settings("business.")
    assert settings == {"business.name": "Ana Torres"}


def test_fills_in_only_unset_profile_keys(fresh):
    Store(fresh).set_setting("business.email", "me@mine.example")
    generate_demo(fresh, invoices=50, today=TODAY)
    settings = Store(fresh).settings("business.")
    assert settings["business.email"] == "me@mine.example"
    assert settings["business.name"]


# -- determinism -----------------------------------------------------------------------------


def test_same_seed_and_day_give_the_same_ledger(tmp_path):
    dumps = []
    for name in ("a", "b"):
        with Ledger.open(tmp_path / f"{name}.sqlite") as ledger:
            generate_demo(ledger, invoices=400, seed=7, today=TODAY)
            dumps.append(dump(ledger))
    assert dumps[0] == dumps[1]
    assert all(dumps[0][t] for t in ("clients", "invoices", "invoice_lines", "payments",
                                     "contact_events", "contact_event_invoices", "settings"))


@pytest.mark.parametrize("other", [{"seed": 8}, {"today": TODAY - dt.timedelta(days=1)}])
def test_another_seed_or_day_gives_another_ledger(tmp_path, other):
    dumps = []
    for name, kwargs in (("a", {}), ("b", other)):
        with Ledger.open(tmp_path / f"{name}.sqlite") as ledger:
            generate_demo(ledger, invoices=400, **{"seed": 7, "today": TODAY, **kwargs})
            dumps.append(dump(ledger))
    assert dumps[0]["invoices"] != dumps[1]["invoices"]


# -- progress, cancel, refusal -------------------------------------------------------------------


def test_reports_progress(fresh):
    seen = []
    generate_demo(fresh, invoices=25_000, today=TODAY, task=Task(lambda *a: seen.append(a)))
    dones = [done for done, _, _ in seen]
    assert len(seen) >= 4 and dones == sorted(dones)
    assert all(total == 25_000 for _, total, _ in seen) and dones[-1] == 25_000


@pytest.mark.parametrize("cancel_at", [1, 3])
def test_cancel_rolls_everything_back(fresh, cancel_at):
    calls = []

    def on_progress(done, total, text):
        calls.append(done)
        if len(calls) == cancel_at:
            task.cancel()

    task = Task(on_progress)
    with pytest.raises(Cancelled):
        generate_demo(fresh, invoices=25_000, today=TODAY, task=task)
    assert len(calls) == cancel_at
    for table in ("clients", "invoices", "invoice_lines", "payments", "contact_events",
                  "contact_event_invoices", "settings"):
        assert count(fresh, table) == 0, table
    assert not fresh.conn.in_transaction
    # The ledger is still usable: the demo can run again.
    assert generate_demo(fresh, invoices=30, today=TODAY).invoices == 30


def test_refuses_a_ledger_with_records(fresh):
    generate_demo(fresh, invoices=12, today=TODAY)
    before = dump(fresh)
    with pytest.raises(CollectorError, match=r"empty ledger.*12 invoices"):
        generate_demo(fresh, invoices=300, today=TODAY)
    assert dump(fresh) == before


def test_refuses_a_ledger_with_only_a_client(fresh):
    Store(fresh).add_client(Client(name="José Núñez"))
    with pytest.raises(CollectorError, match=r"has 1 client\. Nothing was changed"):
        generate_demo(fresh, today=TODAY)
    assert count(fresh, "invoices") == 0 and count(fresh, "clients") == 1


def test_needs_at_least_one_invoice(fresh):
    with pytest.raises(CollectorError):
        generate_demo(fresh, invoices=0, today=TODAY)


@pytest.mark.parametrize("n", [1, 7, 11, 60])
def test_tiny_samples_are_still_valid(fresh, n):
    summary = generate_demo(fresh, invoices=n, today=TODAY)
    assert summary.invoices == count(fresh, "invoices") == n
    assert rows(fresh, "PRAGMA foreign_key_check") == []


def test_default_day_is_today(fresh):
    generate_demo(fresh, invoices=20)
    last = rows(fresh, "SELECT max(issue_date) FROM invoices")[0][0]
    assert last <= clock.today().isoformat()

"""Sample data: `collector demo`, the sample ledger of a first look, and the bench ledgers.

`generate_demo` fills an EMPTY ledger with the books of a Spanish freelance studio over the
last three years: Spanish- and English-speaking clients (people and companies, with accents,
billing contacts, terms, credit limits), invoices in EUR, USD, GBP and JPY with line items,
payments (on time, late, in instalments, partial), and the contact history of chasing the
late ones (reminder emails by stage, calls, letters, notes, promises to pay kept and broken).

It is deterministic: the same seed and `today` give the same ledger, byte for byte in every
table (no clock, no global random: `created_at` is set from the data, not `datetime('now')`).

It is also the benchmark generator, written for speed: tuples inserted by `executemany` in
batches inside ONE transaction, so a failure or a cancel (Task.step raises Cancelled) leaves
the ledger empty. A million invoices take about a minute on 2 cores (bench/README.md).

Its clients (demo_clients.py) have `.example` addresses and fictional phone numbers, so a
demo ledger can never send a reminder to a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from itertools import accumulate

from collector_gui.core import clock, search
from collector_gui.actions import demo_data as D
from collector_gui.actions.demo_clients import SampleClient, make_clients
from collector_gui.actions.progress import Task, quiet
from collector_gui.actions.reports import record_count
from collector_gui.core import settings as cfg
from collector_gui.core.aging import BUCKETS
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.ledger.database import Ledger

__all__ = ["DemoSummary", "generate_demo"]

# Invoices generated and inserted per batch (one progress step each).
BATCH = 10_000
# How far back the books go.
YEARS = 3
# Invoices issued before this many days ago were "imported from a spreadsheet" when the
# freelancer started using Collector: most have only a total, and no contact history.
ADOPTED_DAYS_AGO = 400


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What generate_demo wrote."""

    clients: int
    invoices: int
    invoice_lines: int
    payments: int
    contact_events: int
    currencies: tuple[str, ...]

    def __str__(self) -> str:
        counts = ", ".join(record_count(table, getattr(self, table)) for table in (
            "clients", "invoices", "invoice_lines", "payments", "contact_events"))
        return _("{counts}; currencies {currencies}").format(
            counts=counts, currencies=", ".join(self.currencies))


def _fmt_amount(minor: int, currency: str, language: str) -> str:
    """A quick "1.250,50 €" / "€1,250.50" for message bodies (Babel is too slow for 10⁶)."""
    _, digits, sym_es, sym_en = D.CURRENCIES[currency]
    whole, frac = divmod(minor, 10**digits)
    grouped = f"{whole:,}"
    if language == "es":
        grouped = grouped.replace(",", ".")
        return f"{grouped},{frac:0{digits}d} {sym_es}" if digits else f"{grouped} {sym_es}"
    return f"{sym_en}{grouped}.{frac:0{digits}d}" if digits else f"{sym_en}{grouped}"


def _fmt_date(day: dt.date, language: str) -> str:
    return day.strftime("%d/%m/%Y") if language == "es" else f"{day.day} {day:%b %Y}"


# -- the generator ---------------------------------------------------------------------------


def _refuse_unless_empty(ledger: Ledger) -> None:
    conn = ledger.conn
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("invoices", "clients", "payments", "contact_events")
    }
    if any(counts.values()):
        what = ", ".join(record_count(table, n) for table, n in counts.items() if n)
        raise CollectorError(
            _("The demo fills an empty ledger; {file} has {what}. Nothing was changed. "
              "Use a new file (collector --ledger NEW.sqlite demo).").format(
                  file=ledger.path.name, what=what)
        )


def generate_demo(
    ledger: Ledger,
    *,
    invoices: int = 300,
    seed: int = 1,
    today: dt.date | None = None,
    task: Task | None = None,
) -> DemoSummary:
    """Fill the empty *ledger* with *invoices* sample invoices up to *today*, in one transaction.

    Raises CollectorError when the ledger already has records, and Cancelled (with nothing
    written) when *task* is cancelled.
    """
    if invoices < 1:
        raise CollectorError(_("The demo needs at least one invoice."))
    today = today or clock.today()
    task = task or quiet()
    old_cache = ledger.conn.execute("PRAGMA cache_size").fetchone()[0]
    try:
        # A bigger page cache for the one large transaction (this connection only).
        ledger.conn.execute("PRAGMA cache_size = -262144")
        with ledger.write():
            _refuse_unless_empty(ledger)
            return _Generator(ledger, invoices, seed, today, task).run()
    finally:
        ledger.conn.execute(f"PRAGMA cache_size = {int(old_cache)}")


_SQL_CLIENT = (
    "INSERT INTO clients (id, name, email, language, phone, address, tax_id, currency, "
    "payment_terms_days, credit_limit_minor, billing_name, billing_email, notes, on_hold, "
    "reminders_paused, created_at, search_key) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SQL_INVOICE = (
    "INSERT INTO invoices (id, number, client_id, issue_date, due_date, currency, total_minor, "
    "paid_minor, description, draft, void, disputed, reminders_paused, created_at, search_key) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, 0, ?, ?)"
)
_SQL_LINE = (
    "INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_minor, "
    "tax_rate) VALUES (?, ?, ?, ?, ?, ?)"
)
_SQL_PAYMENT = (
    "INSERT INTO payments (invoice_id, date, amount_minor, method, reference, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_SQL_EVENT = (
    "INSERT INTO contact_events (id, client_id, at, kind, subject, body, stage, status, "
    "message_id, error, promised_date, promised_minor, search_key) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)"
)


# Each row with its search key (core/search), in the column order of the statements above.
def _keyed_clients(rows):
    return [(*r, search.client_key(r[1], r[2], r[10], r[11])) for r in rows]


def _keyed_invoices(rows):
    return [(*r, search.invoice_key(r[1], r[7])) for r in rows]


def _keyed_events(rows):
    return [(*r, search.event_key(r[4], r[5])) for r in rows]
_SQL_EVENT_INVOICE = "INSERT INTO contact_event_invoices (event_id, invoice_id) VALUES (?, ?)"


class _Generator:
    def __init__(self, ledger: Ledger, n: int, seed: int, today: dt.date, task: Task) -> None:
        self.conn = ledger.conn
        self.n = n
        self.rng = random.Random(seed)
        self.today = today
        self.task = task
        self.today_ord = today.toordinal()
        self.start_ord = self.today_ord - 365 * YEARS
        self.adopted_ord = self.today_ord - ADOPTED_DAYS_AGO
        self._iso: dict[int, str] = {}
        self.events: list[tuple] = []
        self.event_links: list[tuple[int, int]] = []
        self.next_event = 1
        self.counts = {"lines": 0, "payments": 0}
        # (invoice id, client index, due ordinal, balance, planted) of open overdue invoices
        self.open_overdue: list[tuple[int, int, int, int, bool]] = []

    # -- small helpers ---------------------------------------------------------------------

    def iso(self, ordinal: int) -> str:
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def at(self, ordinal: int) -> str:
        return self.iso(ordinal) + D.TIMES[int(self.rng.random() * len(D.TIMES))]

    def event(self, client: SampleClient, ordinal: int, kind: str, subject: str, body: str,
              invoice_ids: tuple[int, ...], stage: str | None = None,
              promised: tuple[str, int] | None = None) -> None:
        event_id = self.next_event
        self.next_event += 1
        at = self.at(ordinal)
        if kind == "email":
            status, message_id = "sent", f"<{at[:10].replace('-', '')}.{event_id}@{D.DOMAIN}>"
        else:
            status, message_id = "logged", ""
        self.events.append((
            event_id, client.id, at, kind, subject, body, stage, status, message_id,
            promised[0] if promised else None, promised[1] if promised else None,
        ))
        for invoice_id in invoice_ids:
            self.event_links.append((event_id, invoice_id))

    # -- the plan --------------------------------------------------------------------------

    def run(self) -> DemoSummary:
        n, rng, task = self.n, self.rng, self.task
        task.step(0, n, _("Creating clients"))
        client_count = max(8, round(n / 40))
        self.clients = clients = make_clients(rng, client_count)

        keys, planted_clients = self._issue_dates(clients)
        # A few big clients and a long tail of small ones.
        weights = [min(40.0, rng.paretovariate(1.3)) for _ in clients]
        picks = rng.choices(range(len(clients)), cum_weights=list(accumulate(weights)), k=n)
        unplanted = [i for i, key in enumerate(keys) if not key & 7]
        # The first clients (every language and currency) have invoices, however few.
        firsts = min(len(D.FIRST_COUNTRIES), len(clients), len(unplanted))
        for index, i in enumerate(rng.sample(unplanted, firsts)):
            picks[i] = index
        for i, key in enumerate(keys):
            if key & 7:
                picks[i] = planted_clients[(key & 7) - 1]
        self.client_of = picks

        # Clients exist from their first invoice on.
        first_issue: dict[int, int] = {}
        for i in range(n - 1, -1, -1):
            first_issue[picks[i]] = keys[i] >> 3
        for index, client in enumerate(clients):
            client.row[-1] = self.iso(first_issue.get(index, self.start_ord)) + " 09:00:00"
        self.conn.executemany(_SQL_CLIENT, _keyed_clients(c.row for c in clients))

        drafts, voids = self._drafts_and_voids(keys)
        numbers = self._numbers(keys)
        for begin in range(0, n, BATCH):
            task.step(begin, n, _("Invoices {done} of {total}").format(done=f"{begin:,}",
                                                                       total=f"{n:,}"))
            self._batch(begin, min(n, begin + BATCH), keys, numbers, drafts, voids)
        task.step(n, n, _("Contact history"))
        self._finish()
        currencies = tuple(sorted({clients[p].currency for p in set(picks)}))
        summary = DemoSummary(
            clients=len(clients), invoices=n, invoice_lines=self.counts["lines"],
            payments=self.counts["payments"], contact_events=self.next_event - 1,
            currencies=currencies,
        )
        self._business_profile()
        task.step(n, n, _("Saving"))
        return summary

    def _issue_dates(self, clients: list[SampleClient]) -> tuple[list[int], list[int]]:
        """Issue dates, sorted, as `ordinal << 3 | tag`; tag k > 0 plants an open invoice in
        aging bucket k - 1, so every bucket has one however small the sample."""
        rng, n = self.rng, self.n
        today, start = self.today_ord, self.start_ord
        span = today - start + 1
        rnd = rng.random
        planted: list[tuple[int, int]] = []  # (ordinal, client index)
        if n >= 2 * len(BUCKETS):
            for bucket in BUCKETS:
                client = rng.randrange(len(clients))
                terms = clients[client].terms
                low, high = {"current": (-min(10, terms), 0), "1-30": (1, 30), "31-60": (31, 60),
                             "61-90": (61, 90), "90+": (91, 400)}[bucket]
                days_past_due = rng.randint(low, high)
                planted.append((today - days_past_due - terms, client))
        keys = []
        for _k in range(n - len(planted)):
            # More invoices lately: the business grew.
            day = start + int(span * rnd() ** 0.75)
            weekday = (day - 1) % 7  # ordinal 1 was a Monday
            if weekday == 5:
                day -= 1
            elif weekday == 6:
                day = day + 1 if day + 1 <= today else day - 2
            keys.append(max(start, day) << 3)
        for tag, (day, _client) in enumerate(planted, 1):
            keys.append(day << 3 | tag)
        keys.sort()
        return keys, [client for _, client in planted]

    def _numbers(self, keys: list[int]) -> list[str]:
        numbers, year, seq = [], None, 0
        for key in keys:
            y = self.iso(key >> 3)[:4]
            if y != year:
                year, seq = y, 0
            seq += 1
            numbers.append(f"{y}-{seq:04d}")
        return numbers

    def _drafts_and_voids(self, keys: list[int]) -> tuple[set[int], set[int]]:
        rng, n = self.rng, self.n
        free = [i for i in range(n) if not keys[i] & 7]
        # Drafts: a few of the newest invoices, not yet sent.
        recent = [i for i in free[::-1] if (keys[i] >> 3) >= self.today_ord - 12]
        k_draft = min(len(free), max(2, n // 500))
        if len(recent) < k_draft:
            recent = free[::-1][: max(k_draft, 2)]
        drafts = set(rng.sample(recent, min(k_draft, len(recent))))
        rest = [i for i in free if i not in drafts]
        voids = set(rng.sample(rest, min(len(rest), max(2, n // 150)))) if n >= 10 else set()
        return drafts, voids

    # -- one batch of invoices -------------------------------------------------------------

    def _batch(self, begin: int, end: int, keys: list[int], numbers: list[str],
               drafts: set[int], voids: set[int]) -> None:
        rnd = self.rng.random
        today, adopted = self.today_ord, self.adopted_ord
        iso, clients, picks = self.iso, self.clients, self.client_of
        inv_rows, line_rows, pay_rows = [], [], []
        self.events, self.event_links = [], []
        for i in range(begin, end):
            key = keys[i]
            issue, planted = key >> 3, key & 7
            client = clients[picks[i]]
            cur, lang = client.currency, client.language
            due = issue + client.terms
            invoice_id = i + 1
            recent = issue >= adopted
            number = numbers[i]

            # What was invoiced: lines whose totals are invoice_totals' exactly, or a total.
            if rnd() < (0.9 if recent else 0.25):
                total = self._lines(invoice_id, client, line_rows)
            else:
                _, digits, _, _ = D.CURRENCIES[cur]
                factor = D.CURRENCIES[cur][0]
                net = round(150 * 40 ** rnd() * factor) * 10**digits
                rate = client.tax_rate
                total = net + (net * rate + 50) // 100
            draft, void = i in drafts, i in voids
            project = D.PROJECTS[lang]
            inv_rows.append((
                invoice_id, number, client.id, iso(issue), iso(due), cur, total,
                project[int(rnd() * len(project))], int(draft), int(void),
                iso(issue) + " 10:00:00",
            ))
            if draft or void:
                continue

            # What was paid, and when.
            days_past_due = today - due
            habit = client.habit
            if planted or issue >= today:
                is_open = True
            elif days_past_due <= 0:
                is_open = rnd() < 0.8
            else:
                p_open = (0.45 if days_past_due <= 30 else 0.30 if days_past_due <= 60
                          else 0.20 if days_past_due <= 90 else 0.08 if days_past_due <= 180
                          else 0.04 if days_past_due <= 365 else 0.012)
                is_open = rnd() < p_open * habit
            payments: list[tuple[int, int]] = []  # (ordinal, amount)
            if is_open:
                if issue < today and rnd() < 0.2:
                    paid = self._part(total, cur, 0.2 + 0.6 * rnd())
                    if 0 < paid < total:
                        if rnd() < 0.7:
                            payments.append((issue + 1 + int(rnd() * (today - issue)), paid))
                        else:
                            first = self._part(paid, cur, 0.5)
                            d1 = issue + 1 + int(rnd() * (today - issue))
                            if 0 < first < paid and d1 < today:
                                payments.append((d1, first))
                                payments.append((d1 + 1 + int(rnd() * (today - d1)), paid - first))
                            else:
                                payments.append((d1, paid))
                end_ord = today + 1  # history runs up to today
            else:
                if days_past_due <= 0:
                    pay = issue + 1 + int(rnd() * (today - issue))
                else:
                    r = min(0.999, rnd() * habit)
                    if r < 0.38:
                        delay = -int(rnd() * min(client.terms, 10))
                    elif r < 0.78:
                        delay = 1 + int(rnd() * 20)
                    elif r < 0.94:
                        delay = 21 + int(rnd() * 40)
                    else:
                        delay = 61 + int(rnd() * 120)
                    if delay > days_past_due:
                        delay = int(rnd() * (days_past_due + 1))
                    pay = max(due + delay, issue + 1)
                if rnd() < 0.12 and pay - issue >= 3:
                    # In instalments: a first part, maybe a second, the rest on the final day.
                    parts = 2 if rnd() < 0.7 else 3
                    left, day = total, issue
                    for k in range(parts - 1):
                        amount = self._part(left, cur, 1 / (parts - k))
                        day = day + 1 + int(rnd() * max(1, (pay - day) // 2))
                        if 0 < amount < left and day < pay:
                            payments.append((day, amount))
                            left -= amount
                    payments.append((pay, left))
                else:
                    payments.append((pay, total))
                end_ord = pay  # no chasing once paid
            methods = D.METHODS[cur]
            for day, amount in payments:
                pay_rows.append((invoice_id, iso(day), amount, methods[int(rnd() * len(methods))],
                                 f"{number} / {day % 9973:04d}", iso(day) + " 12:00:00"))
            balance = total - sum(a for _, a in payments)
            if is_open and days_past_due > 0:
                self.open_overdue.append((invoice_id, picks[i], due, balance, bool(planted)))

            # How it was chased (recent invoices, and every one still open).
            if recent or is_open:
                self._history(client, invoice_id, number, issue, due, total, payments, end_ord,
                              is_open, recent)

        conn = self.conn
        conn.executemany(_SQL_INVOICE, _keyed_invoices(inv_rows))
        conn.executemany(_SQL_LINE, line_rows)
        conn.executemany(_SQL_PAYMENT, pay_rows)
        conn.executemany(_SQL_EVENT, _keyed_events(self.events))
        conn.executemany(_SQL_EVENT_INVOICE, self.event_links)
        self.counts["lines"] += len(line_rows)
        self.counts["payments"] += len(pay_rows)

    @staticmethod
    def _part(amount: int, currency: str, share: float) -> int:
        """About *share* of *amount*, rounded as people pay (whole units; JPY in thousands)."""
        unit = 1000 if currency == "JPY" else 100
        return int(amount * share) // unit * unit

    def _lines(self, invoice_id: int, client: SampleClient, rows: list) -> int:
        rnd = self.rng.random
        lang_index = 0 if client.language == "es" else 1
        roll = rnd()
        count = 1 if roll < 0.45 else 2 if roll < 0.75 else 3 if roll < 0.92 else 4
        nets: dict[int, int] = {}
        rate = client.tax_rate
        for position in range(1, count + 1):
            item = int(rnd() * len(D.ITEMS))
            desc, kind = D.ITEMS[item][lang_index], D.ITEMS[item][2]
            price = client.prices[item][int(rnd() * 3)]
            if kind == "hour":
                # Time in quarter hours, mostly whole or half ones: "7", "7.5", "7.25".
                quarters = 16 + int(rnd() * 224)
                roll = rnd()
                if roll < 0.6:
                    quarters &= ~3
                elif roll < 0.8:
                    quarters &= ~1
                whole, rest = divmod(quarters, 4)
                qty = f"{whole}{('', '.25', '.5', '.75')[rest]}"
                net = (quarters * price + 2) // 4  # quantity × price, rounded half up
            elif kind == "word":
                words = 2000 + 50 * int(rnd() * 230)
                qty, net = str(words), words * price
            elif kind == "month":
                months = 1 + int(rnd() * 3)
                qty, net = str(months), months * price
            elif kind == "unit":
                units = 3 + int(rnd() * 10)
                qty, net = str(units), units * price
            else:
                units = 2 if rnd() < 0.1 else 1
                qty, net = str(units), units * price
            rows.append((invoice_id, position, desc, qty, price, str(rate)))
            nets[rate] = nets.get(rate, 0) + net
        if client.country in ("ES", "MX") and rnd() < 0.12:
            price = client.prices[-1][int(rnd() * 3)]
            rows.append((invoice_id, count + 1, D.EXPENSE[lang_index], "1", price, "0"))
            nets[0] = nets.get(0, 0) + price
        # As core.model.invoice_totals: tax rounded half up once per rate.
        return sum(net + (net * r + 50) // 100 for r, net in nets.items())

    def _history(self, client: SampleClient, invoice_id: int, number: str, issue: int, due: int,
                 total: int, payments: list[tuple[int, int]], end: int, is_open: bool,
                 recent: bool) -> None:
        rnd = self.rng.random
        lang, cur, today = client.language, client.currency, self.today_ord
        ids = (invoice_id,)
        me, name = D.SIGNATURE, client.greet

        def owed(day: int) -> int:
            return total - sum(a for d, a in payments if d <= day)

        def email(stage: str, day: int) -> None:
            subject, body = D.EMAIL[lang, stage]
            amt = _fmt_amount(owed(day), cur, lang)
            due_text = _fmt_date(dt.date.fromordinal(due), lang)
            values = {"num": number, "due": due_text, "amt": amt, "name": name, "me": me,
                      "days": day - due}
            self.event(client, day, "email", subject.format(**values), body.format(**values),
                       ids, stage=stage)

        if recent and due - 3 > issue and due - 3 < end and due - 3 <= today and rnd() < 0.35:
            email("pre-due", due - 3)
        if due >= end or due > today:
            return
        if recent and rnd() < 0.3:
            email("due", due)
        for stage, offset in (("polite", 7), ("firm", 21), ("final", 45)):
            day = due + offset + int(rnd() * 4)
            if day >= end:
                break
            email(stage, day)
        day = due + 30 + int(rnd() * 5)
        if day < end and rnd() < 0.5:
            subject, body = D.CALL[lang][int(rnd() * 3)]
            self.event(client, day, "call", subject.format(num=number), body, ids)
        day = due + 60 + int(rnd() * 5)
        if day < end and rnd() < 0.5:
            subject, body = D.LETTER[lang]
            self.event(client, day, "letter", subject.format(num=number), body, ids)
        # Promises to pay: kept (paid on the day), broken, or still to come.
        if end - due > 12 and rnd() < 0.3:
            if is_open:
                at = due + 10 + int(rnd() * (end - due - 11))
                promised_day = at + 3 + int(rnd() * 12)
            elif rnd() < 0.7:  # kept
                promised_day = end
                at = max(due + 1, end - 3 - int(rnd() * 12))
            else:  # broken, paid later anyway
                at = due + 1 + int(rnd() * (end - due - 12))
                promised_day = at + 3 + int(rnd() * 7)
            amount = owed(at)
            if amount > 0:
                subject, body = D.PROMISE[lang]
                promised_text = _fmt_date(dt.date.fromordinal(promised_day), lang)
                self.event(client, at, "promise", subject.format(num=number),
                           body.format(amt=_fmt_amount(amount, cur, lang), date=promised_text),
                           ids, promised=(self.iso(promised_day), amount))
                note_day = promised_day + 3
                if is_open and note_day <= today and rnd() < 0.6:
                    subject, body = D.BROKEN[lang]
                    self.event(client, note_day, "note", subject.format(num=number),
                               body.format(date=promised_text), ids)

    # -- after the invoices ----------------------------------------------------------------

    def _finish(self) -> None:
        """Flags and notes that depend on the whole picture: disputes, paused reminders,
        clients on hold, and calls about several overdue invoices at once."""
        rng, rnd, today = self.rng, self.rng.random, self.today_ord
        clients, conn = self.clients, self.conn
        self.events, self.event_links = [], []
        overdue = self.open_overdue
        free = [row for row in overdue if not row[4]]
        k = max(2, len(overdue) // 40)
        chosen = rng.sample(free, min(len(free), 2 * k))
        disputed, paused = chosen[:k], chosen[k:]
        for rows, flag, texts in ((disputed, "disputed", D.DISPUTE), (paused, "reminders_paused", D.PAUSED)):
            conn.executemany(f"UPDATE invoices SET {flag} = 1 WHERE id = ?", [(r[0],) for r in rows])
            for invoice_id, index, due, *_rest in rows:
                client = clients[index]
                subject, body = texts[client.language]
                number = conn.execute("SELECT number FROM invoices WHERE id = ?",
                                      (invoice_id,)).fetchone()[0]
                day = due + 1 + int(rnd() * (today - due))
                self.event(client, day, "note", subject.format(num=number), body, (invoice_id,))

        by_client: dict[int, list[tuple[int, int, int, int, bool]]] = {}
        for row in overdue:
            by_client.setdefault(row[1], []).append(row)
        # A call about all of a client's overdue invoices at once.
        for index, rows in by_client.items():
            if len(rows) < 2 or rnd() < 0.5:
                continue
            day = today - int(rnd() * 7)
            linked = tuple(r[0] for r in rows if r[2] < day)
            if len(linked) >= 2:
                client = clients[index]
                subject, body = D.STATEMENT_CALL[client.language]
                self.event(client, day, "call", subject.format(count=len(linked)), body, linked)

        # On hold: the clients with the most invoices over 90 days late.
        def long_late(index: int) -> tuple[int, int]:
            rows = by_client[index]
            return (sum(1 for r in rows if today - r[2] > 90), len(rows))

        ranked = sorted(by_client, key=lambda i: (*long_late(i), -i), reverse=True)
        on_hold = ranked[: max(1, min(2, len(clients) // 8)) + len(clients) // 1000]
        for index in on_hold:
            client = clients[index]
            note = ("En espera: no aceptar encargos nuevos hasta que salde lo vencido."
                    if client.language == "es" else "On hold: no new work until the overdue invoices are paid.")
            conn.execute("UPDATE clients SET on_hold = 1, notes = ? WHERE id = ?", (note, client.id))
        candidates = [i for i in sorted(by_client) if i not in on_hold]
        for index in rng.sample(candidates, min(len(candidates), 1 + len(clients) // 1000)):
            client = clients[index]
            note = ("Plan de pagos acordado: sin recordatorios mientras lo cumpla."
                    if client.language == "es" else "Payment plan agreed: no reminders while it is kept.")
            conn.execute("UPDATE clients SET reminders_paused = 1, notes = ? WHERE id = ?",
                         (note, client.id))
        conn.executemany(_SQL_EVENT, _keyed_events(self.events))
        conn.executemany(_SQL_EVENT_INVOICE, self.event_links)

    def _business_profile(self) -> None:
        row = self.conn.execute(
            "SELECT value FROM settings WHERE key = ?", (cfg.BUSINESS_NAME.key,)
        ).fetchone()
        if row and row[0].strip():
            return
        # Never overwrite what the user set already; fill in the rest.
        self.conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE settings.value = ''",
            list(D.BUSINESS.items()),
        )

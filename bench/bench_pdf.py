"""Benchmark: Collector's PDFs against a bare reportlab document of the same content.

Two workloads, each timed in the same run as its floor:

1. invoices: 1,000 one-page invoice PDFs, each through `actions.documents.invoice_pdf`
   (ledger read, Babel formatting, glyph checks, layout, page footer, file written), next
   to the same 1,000 invoices drawn as bare reportlab documents (SimpleDocTemplate with
   the same embedded font, the same texts already formatted, the same tables and the same
   EPC QR code matrix made with segno, each written to a file).
2. statement: one statement of account listing 1,000 open invoices, next to a bare
   document with the same rows in one long table.

Target: Collector <= 1.5 x the floor. Results: bench/RESULTS-pdf.md.

    .venv/bin/python bench/bench_pdf.py                 # both workloads, 1,000 invoices
    .venv/bin/python bench/bench_pdf.py --invoices 200  # quicker
    .venv/bin/python bench/bench_pdf.py --samples docs  # also write docs/invoice.png and
                                                        # docs/statement.png (pdftoppm)
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import reportlab  # noqa: E402
import segno.helpers  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from collector_gui.actions import documents as actions  # noqa: E402
from collector_gui.core.model import (  # noqa: E402
    Client,
    ContactEvent,
    EventKind,
    Invoice,
    InvoiceLine,
    Payment,
    invoice_totals,
)
from collector_gui.documents.pdf_text import FONT, FONT_BOLD, Formatter, fonts  # noqa: E402
from collector_gui.ledger.database import Ledger  # noqa: E402
from collector_gui.ledger.store import Store  # noqa: E402

AS_OF = dt.date(2025, 6, 30)
CREATED = dt.datetime(2025, 7, 1, 9, 0, tzinfo=dt.timezone.utc)
BUSINESS = {
    "business.name": "Ana Núñez Estudio",
    "business.address": "Calle Mayor 12, 3º B\n28013 Madrid\nEspaña",
    "business.email": "ana@example.es",
    "business.phone": "+34 600 000 000",
    "business.tax_id": "ES12345678Z",
    "business.iban": "ES9121000418450200051332",
    "business.bic": "CAIXESBBXXX",
    "business.payment_instructions": "Bizum: +34 600 000 000",
    "business.late_terms": "Late payments accrue interest under Directive 2011/7/EU.",
}
NAMES = ["José Núñez", "Łódź Design Sp. z o.o.", "Ελληνική Εταιρεία Α.Ε.", "Анна Петрова",
         "Acme Corporation", "Müller & Söhne GmbH", "Tanaka Design", "Al Kuwait Trading"]
CURRENCIES = ["EUR", "EUR", "EUR", "GBP", "EUR", "EUR", "JPY", "KWD"]


# -- the ledger ---------------------------------------------------------------------------------

def build_ledger(path: Path, n_invoices: int, statement_invoices: int) -> list[str]:
    """n_invoices spread over clients (1-6 lines each, some paid in part), plus one client
    with `statement_invoices` open invoices. Returns the invoice numbers of the first set."""
    rng = random.Random(7)
    numbers: list[str] = []
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        with ledger.write():
            for key, value in BUSINESS.items():
                store.set_setting(key, value)
            clients = [store.add_client(Client(f"{name} {i}", language=("es", "en")[i % 2],
                                               currency=CURRENCIES[i % len(CURRENCIES)],
                                               address="Street 1\n12345 City"))
                       for i, name in enumerate(NAMES * 5)]
            for i in range(n_invoices):
                client = clients[i % len(clients)]
                lines = tuple(
                    InvoiceLine(f"Work package {j + 1}: design, review and delivery",
                                Decimal(rng.choice(["1", "2", "1.5", "8", "0.25"])),
                                rng.randrange(1000, 200000),
                                Decimal(rng.choice(["21", "10", "0"])))
                    for j in range(rng.randrange(1, 7))
                )
                issue = dt.date(2025, 1, 1) + dt.timedelta(days=i % 150)
                inv = store.add_invoice(Invoice(f"INV-{i:05d}", client.id, issue,
                                                issue + dt.timedelta(days=30), client.currency,
                                                0, lines=lines))
                if i % 4 == 0:
                    store.add_payment(Payment(inv.id, issue + dt.timedelta(days=10),
                                              inv.total_minor // 3 or 1, "transfer"))
                numbers.append(inv.number)
            big = store.add_client(Client("Bulk Buyer Ελλάς", language="es"))
            for i in range(statement_invoices):
                issue = dt.date(2023, 1, 1) + dt.timedelta(days=i % 500)
                inv = store.add_invoice(Invoice(f"S-{i:05d}", big.id, issue,
                                                issue + dt.timedelta(days=30), "EUR",
                                                10000 + i * 37))
                if i % 9 == 0:
                    store.add_payment(Payment(inv.id, dt.date(2025, 5, 1), 1000, "transfer"))
            store.add_event(ContactEvent(big.id, dt.datetime(2025, 5, 2, 10), EventKind.EMAIL,
                                         subject="Reminder"))
    return numbers


# -- the bare floor -------------------------------------------------------------------------------

class _BareQr(Flowable):
    def __init__(self, qr, size):
        super().__init__()
        self.qr, self.width, self.height = qr, size, size

    def draw(self):
        # one path of horizontal runs of dark modules: the cheapest way to draw it
        rows = [list(r) for r in self.qr.matrix_iter(scale=1, border=2)]
        m = self.width / len(rows)
        path = self.canv.beginPath()
        for r, row in enumerate(rows):
            c, n = 0, len(row)
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    path.rect(start * m, self.height - (r + 1) * m, (c - start) * m, m)
                else:
                    c += 1
        self.canv.drawPath(path, stroke=0, fill=1)


def _bare_styles():
    fonts()
    body = ParagraphStyle("b", fontName=FONT, fontSize=9, leading=11.7)
    return {"body": body, "bold": ParagraphStyle("bb", parent=body, fontName=FONT_BOLD),
            "small": ParagraphStyle("s", parent=body, fontSize=7.5, leading=9.75)}


def bare_invoice_content(store: Store, number: str) -> dict:
    """Everything the bare invoice prints, formatted ahead (outside the timing)."""
    doc = actions.invoice_doc(store, number)
    inv, F = doc.invoice, Formatter(doc.client.language)
    b = doc.business
    totals = invoice_totals(inv.lines)
    rows = [["Description", "Qty", "Unit price", "Tax", "Amount"]] + [
        [ln.description, F.quantity(ln.quantity), F.money(ln.unit_price_minor, inv.currency),
         F.percent(ln.tax_rate), F.money(ln.net_minor, inv.currency)] for ln in inv.lines]
    tot = []
    for rate, net, tax in totals.tax_by_rate:
        tot += [[f"Net at {F.percent(rate)}", F.money(net, inv.currency)],
                [f"Tax at {F.percent(rate)}", F.money(tax, inv.currency)]]
    tot.append(["Total", F.money(inv.total_minor, inv.currency)])
    for p in doc.payments:
        tot.append([f"Payment of {F.date(p.date)}", F.money(-p.amount_minor, inv.currency)])
    tot.append(["Balance due", F.money(inv.balance_minor, inv.currency)])
    epc = None
    if inv.currency == "EUR" and inv.balance_minor > 0:
        epc = dict(name=b.name, iban=b.iban, amount=Decimal(inv.balance_minor) / 100,
                   text=inv.number, bic=b.bic)
    return dict(
        business=[b.name, *b.address.split("\n"), f"Tax ID: {b.tax_id}", b.email, b.phone],
        facts=[["Invoice number", inv.number], ["Issue date", F.date(inv.issue_date)],
               ["Due date", F.date(inv.due_date)]],
        client=[doc.client.name, *doc.client.address.split("\n")],
        rows=rows, totals=tot, epc=epc,
        pay=[f"Please pay by bank transfer, quoting the reference {inv.number}.",
             f"IBAN: {b.iban}", f"BIC: {b.bic}", b.payment_instructions],
        terms=b.late_terms, footer=f"{b.name} · Invoice {inv.number}",
    )


def bare_invoice(content: dict, out: Path) -> None:
    st = _bare_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=17 * mm, rightMargin=17 * mm,
                            topMargin=15 * mm, bottomMargin=18 * mm, invariant=1,
                            title=content["footer"], author=content["business"][0])
    width = A4[0] - 34 * mm
    tstyle = TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                         ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8)])
    story = [Paragraph("<br/>".join(content["business"]), st["body"]),
             Paragraph("Invoice", st["bold"]),
             Table(content["facts"], style=[("FONT", (0, 0), (-1, -1), FONT, 8.5)]),
             Spacer(1, 7 * mm),
             Paragraph("<br/>".join(content["client"]), st["body"]), Spacer(1, 6 * mm),
             Table([[Paragraph(r[0], st["body"]) if i else r[0], *r[1:]]
                    for i, r in enumerate(content["rows"])],
                   colWidths=[width * f for f in (0.47, 0.08, 0.17, 0.09, 0.19)],
                   style=tstyle, repeatRows=1),
             Table(content["totals"], hAlign="RIGHT",
                   style=[("FONT", (0, 0), (-1, -1), FONT, 8.5), ("ALIGN", (0, 0), (-1, -1), "RIGHT")]),
             Paragraph("How to pay", st["bold"]),
             Paragraph("<br/>".join(content["pay"]), st["body"])]
    if content["epc"]:
        story.append(_BareQr(segno.helpers.make_epc_qr(**content["epc"]), 30 * mm))
    story.append(Paragraph(content["terms"], st["small"]))

    def footer(canv, _doc):
        canv.setFont(FONT, 7.5)
        canv.drawString(17 * mm, 10 * mm, content["footer"])
        canv.drawRightString(A4[0] - 17 * mm, 10 * mm, f"{canv.getPageNumber()} / 1")

    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def bare_statement(rows: list[list[str]], out: Path) -> None:
    st = _bare_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=17 * mm, rightMargin=17 * mm,
                            topMargin=15 * mm, bottomMargin=18 * mm, invariant=1)

    def footer(canv, _doc):
        canv.setFont(FONT, 7.5)
        canv.drawRightString(A4[0] - 17 * mm, 10 * mm, f"{canv.getPageNumber()}")

    table = Table(rows, repeatRows=1, style=[("FONT", (0, 0), (-1, -1), FONT, 8),
                                             ("ALIGN", (3, 0), (-1, -1), "RIGHT")])
    doc.build([Paragraph("Statement of account", st["bold"]), table],
              onFirstPage=footer, onLaterPages=footer)


# -- timing ----------------------------------------------------------------------------------------

def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--invoices", type=int, default=1000)
    ap.add_argument("--statement-rows", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each workload (best, median)")
    ap.add_argument("--samples", type=Path, help="write invoice.png and statement.png here")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="collector-bench-pdf-"))
    try:
        t0 = time.perf_counter()
        numbers = build_ledger(work / "ledger.sqlite", args.invoices, args.statement_rows)
        print(f"ledger: {args.invoices} invoices + {args.statement_rows} on one client, "
              f"built in {time.perf_counter() - t0:.1f} s")
        with Ledger.open(work / "ledger.sqlite") as ledger:
            store = Store(ledger)
            out_ours, out_bare = work / "ours", work / "bare"
            out_ours.mkdir()
            out_bare.mkdir()
            contents = [bare_invoice_content(store, n) for n in numbers]
            sdoc = actions.statement_doc(store, "Bulk Buyer Ελλάς", AS_OF)
            F = Formatter("es")
            srows = [["Number", "Issued", "Due", "Days", "Amount", "Paid", "Balance"]] + [
                [i.number, F.date(i.issue_date), F.date(i.due_date), str(i.days_overdue(AS_OF)),
                 F.money(i.total_minor, i.currency), F.money(i.paid_minor, i.currency),
                 F.money(i.balance_minor, i.currency)] for i in sdoc.open_invoices]

            # warm up both (font registration, imports, caches)
            actions.invoice_pdf(store, numbers[0], out_ours / "warm.pdf", created=CREATED)
            bare_invoice(contents[0], out_bare / "warm.pdf")

            def ours_invoices():
                for n in numbers:
                    actions.invoice_pdf(store, n, out_ours / f"{n}.pdf", created=CREATED)

            def bare_invoices():
                for n, c in zip(numbers, contents):
                    bare_invoice(c, out_bare / f"{n}.pdf")

            def ours_statement():
                actions.statement_pdf(store, "Bulk Buyer Ελλάς", out_ours / "statement.pdf",
                                      as_of=AS_OF, created=CREATED)

            def bare_stmt():
                bare_statement(srows, out_bare / "statement.pdf")

            results = {}
            for name, ours, bare in (("invoices", ours_invoices, bare_invoices),
                                     ("statement", ours_statement, bare_stmt)):
                o, b = [], []
                for _ in range(args.repeat):  # interleaved, so drift hits both alike
                    o += timed(ours, 1)
                    b += timed(bare, 1)
                results[name] = (min(o), statistics.median(o), min(b), statistics.median(b))
            pages = subprocess.run(["pdfinfo", str(out_ours / "statement.pdf")],
                                   capture_output=True, text=True).stdout
            spages = next((ln.split()[-1] for ln in pages.splitlines()
                           if ln.startswith("Pages:")), "?")
            size_ours = sum(p.stat().st_size for p in out_ours.glob("INV-*.pdf")) / len(numbers)
            size_bare = sum(p.stat().st_size for p in out_bare.glob("INV-*.pdf")) / len(numbers)

            print(f"machine: {_machine()}")
            for name, (o_min, o_med, b_min, b_med) in results.items():
                what = (f"{args.invoices} invoice PDFs" if name == "invoices"
                        else f"statement, {args.statement_rows} rows, {spages} pages")
                print(f"{what}: Collector {o_min:.2f} s (median {o_med:.2f}), bare reportlab "
                      f"{b_min:.2f} s (median {b_med:.2f}), ratio {o_min / b_min:.2f}x "
                      f"(median {o_med / b_med:.2f}x)")
            print(f"average invoice file: Collector {size_ours / 1024:.0f} KB, "
                  f"bare {size_bare / 1024:.0f} KB")

            if args.samples:
                write_samples(store, numbers, args.samples, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _machine() -> str:
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    try:
        load = f", load average {Path('/proc/loadavg').read_text().split()[0]}"
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} CPUs{load}; Python {platform.python_version()}, "
            f"reportlab {reportlab.Version}")


def write_samples(store: Store, numbers: list[str], folder: Path, work: Path) -> None:
    """docs/invoice.png and docs/statement.png from the sample ledger of tests' kind."""
    folder.mkdir(parents=True, exist_ok=True)
    sample = work / "sample.sqlite"
    with Ledger.open(sample) as ledger:
        s = Store(ledger)
        for key, value in BUSINESS.items():
            s.set_setting(key, value)
        s.set_setting("late.mode", "eu")
        c = s.add_client(Client("José Núñez — Łódź Design Sp. z o.o.", language="es",
                                email="jose@example.es", tax_id="PL1234567890",
                                address="Ulica Piotrkowska 1\n90-001 Łódź\nPolska",
                                billing_name="Cuentas a pagar"))
        lines = (InvoiceLine("Diseño de identidad visual: logotipo, paleta y tipografías",
                             Decimal("1"), 120000, Decimal(21)),
                 InvoiceLine("Maquetación del catálogo (48 páginas)", Decimal("48"), 3500,
                             Decimal(21)),
                 InvoiceLine("Impresión de muestras", Decimal("3"), 2500, Decimal(10)),
                 InvoiceLine("Gastos de envío", Decimal("1"), 1200, Decimal(0)))
        a = s.add_invoice(Invoice("2025-0042", c.id, dt.date(2025, 3, 3), dt.date(2025, 4, 2),
                                  "EUR", 0, lines=lines, description="Proyecto «Catálogo 2025»"))
        s.add_payment(Payment(a.id, dt.date(2025, 4, 20), 100000, "transferencia", "TRF-881"))
        s.add_invoice(Invoice("2025-0057", c.id, dt.date(2025, 4, 15), dt.date(2025, 5, 15),
                              "EUR", 96800, description="Sesión de fotos"))
        s.add_invoice(Invoice("2025-0071", c.id, dt.date(2025, 6, 10), dt.date(2025, 7, 10),
                              "EUR", 45000))
        s.add_event(ContactEvent(c.id, dt.datetime(2025, 4, 10, 10), EventKind.EMAIL,
                                 subject="Recordatorio 2025-0042"))
        s.add_event(ContactEvent(c.id, dt.datetime(2025, 5, 20, 12), EventKind.CALL,
                                 subject="Llamada"))
        s.add_event(ContactEvent(c.id, dt.datetime(2025, 5, 21, 9), EventKind.PROMISE,
                                 promised_date=dt.date(2025, 6, 5), promised_minor=50000,
                                 invoice_ids=(a.id,)))
        inv_pdf = actions.invoice_pdf(s, "2025-0042", work / "invoice.pdf", created=CREATED)
        st_pdf = actions.statement_pdf(s, c.name, work / "statement.pdf", as_of=AS_OF,
                                       created=CREATED)
    for pdf, name in ((inv_pdf, "invoice"), (st_pdf, "statement")):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf),
                        str(folder / name)], check=True)
        print(f"wrote {folder / name}.png")


if __name__ == "__main__":
    raise SystemExit(main())

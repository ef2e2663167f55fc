"""CSV import and export of invoice terms: a row may give the net (VAT and IRPF applied, the
business's rates when the row names none), IRPF and discount columns, credit notes naming the
invoice they correct; old files import as before; export round-trips through import."""

from __future__ import annotations

import io
from decimal import Decimal

from collector_gui.ledger.csvio import export_csv, import_csv
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from tests.helpers.dates import TODAY


def run(store, kind, text):
    return import_csv(store, kind, text.encode(), file="f.csv", today=TODAY)


def test_net_rows_take_the_business_rates_and_make_one_line(store):
    store.set_setting("business.vat_rate", "21")
    store.set_setting("business.irpf_rate", "15")
    rep = run(store, "invoices",
              "number,client,issue_date,due_date,currency,net,vat_rate,irpf_rate,description\n"
              "N-1,Ñu SL,2026-10-01,2026-10-31,EUR,1000.00,,,Diseño\n"
              "N-2,Ñu SL,2026-10-01,2026-10-31,EUR,1000.00,10,7,\n")
    assert rep.ok, rep.error_lines()
    one, two = store.find_invoice("N-1"), store.find_invoice("N-2")
    assert one.total_minor == 106000 and one.irpf_rate == 15  # 1000 + 210 − 150
    assert [(line.description, line.unit_price_minor, line.tax_rate) for line in one.lines] == [
        ("Diseño", 100000, Decimal(21))]
    assert two.total_minor == 103000  # 1000 + 100 − 70


def test_old_files_import_as_before_whatever_the_business_rates(store):
    store.set_setting("business.irpf_rate", "15")
    rep = run(store, "invoices", "number,client,issue_date,due_date,currency,total\n"
                                 "O-1,Old Co,2026-10-01,2026-10-31,EUR,1210.00\n")
    assert rep.ok, rep.error_lines()
    inv = store.find_invoice("O-1")
    assert inv.total_minor == 121000 and inv.irpf_rate == 0 and inv.discount_percent == 0


def test_term_errors_are_reported(store):
    rep = run(store, "invoices",
              "number,client,issue_date,due_date,currency,total,net,irpf_rate,discount_days,"
              "corrects\n"
              "E-1,X,2026-10-01,2026-10-31,EUR,,,,,\n"
              "E-2,X,2026-10-01,2026-10-31,EUR,5.00,10.00,0,,\n"
              "E-3,X,2026-10-01,2026-10-31,EUR,5.00,,150,,\n"
              "E-4,X,2026-10-01,2026-10-31,EUR,,,,,NOPE\n")
    assert [e.split(": ")[0:2] for e in rep.error_lines()] == [
        ["f.csv:2", "total"], ["f.csv:3", "total"], ["f.csv:4", "irpf_rate"],
        ["f.csv:5", "corrects"]]
    assert not rep.written
    rep = run(store, "invoices", "number,client,issue_date,due_date,currency\n")
    assert [e.split(": ")[1] for e in rep.error_lines()] == ["total"]


def test_export_round_trips_terms_and_credit_notes(store, tmp_path):
    rep = run(store, "invoices",
              "number,client,issue_date,due_date,currency,total,irpf_rate,discount_percent,"
              "discount_days,corrects,reason\n"
              "T-1,Ñu SL,2026-10-01,2026-10-31,EUR,1060.00,15,2,10,,\n"
              "R-1,Ñu SL,2026-10-05,2026-10-05,EUR,,15,,,T-1,Horas de menos\n")
    assert rep.ok, rep.error_lines()
    note = store.find_invoice("R-1")
    assert note.is_credit_note and note.corrects_id == store.find_invoice("T-1").id
    assert note.reason == "Horas de menos" and note.total_minor == 0
    out = io.StringIO()
    export_csv(store, "invoices", out)
    with Ledger.open(tmp_path / "other.sqlite") as other:
        again = Store(other)
        rep = import_csv(again, "invoices", out.getvalue().encode(), file="x.csv", today=TODAY)
        assert rep.ok, rep.error_lines()
        for number in ("T-1", "R-1"):
            a, b = store.find_invoice(number), again.find_invoice(number)
            assert (a.total_minor, a.irpf_rate, a.discount_percent, a.discount_days, a.kind,
                    a.reason) == (b.total_minor, b.irpf_rate, b.discount_percent,
                                  b.discount_days, b.kind, b.reason)
        assert again.find_invoice("R-1").corrects_id == again.find_invoice("T-1").id

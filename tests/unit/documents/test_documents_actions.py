"""The actions the CLI and the window call: errors, files written whole, bulk export."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from docs_helpers import (
    ACCENTED,
    AS_OF,
    BULK,
    CJK,
    CREATED,
    NOT_DUE,
    PAID_UP,
    pdf_pages,
    set_business,
)

from collector_gui.actions.documents import (
    DocumentError,
    dossier_pdf,
    export_statements,
    invoice_pdf,
    safe_file_stem,
    statement_pdf,
)
from collector_gui.actions.progress import Task
from collector_gui.core import clock
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.core.model import Client, Invoice


def test_unknown_invoice_number(hostile, tmp_path):
    store, _ = hostile
    with pytest.raises(DocumentError, match="no invoice numbered 'NOPE-1'") as info:
        invoice_pdf(store, " NOPE-1 ", tmp_path / "x.pdf")
    assert isinstance(info.value, CollectorError)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("action", [statement_pdf, dossier_pdf])
def test_unknown_client_suggests_close_names(hostile, tmp_path, action):
    store, _ = hostile
    with pytest.raises(CollectorError, match="no client named 'Paid Upp Ltd'.*'Paid Up Ltd'"):
        action(store, "Paid Upp Ltd", tmp_path / "x.pdf")
    with pytest.raises(CollectorError, match="no client named 'zzz'\\.$"):
        action(store, "zzz", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_client_name_ignores_case_of_ascii_letters(hostile, tmp_path):
    store, _ = hostile
    out = statement_pdf(store, "PAID UP LTD", tmp_path / "p.pdf", as_of=AS_OF, created=CREATED)
    assert PAID_UP in pdf_pages(out)[0]


def test_missing_folder_and_folder_as_target_are_clear_errors(hostile, tmp_path):
    store, _ = hostile
    with pytest.raises(DocumentError, match="does not exist"):
        invoice_pdf(store, "GR-1", tmp_path / "no" / "such" / "x.pdf")
    with pytest.raises(DocumentError, match="is a folder"):
        invoice_pdf(store, "GR-1", tmp_path)


def test_a_file_is_replaced_whole_and_no_partial_file_is_left(hostile, tmp_path):
    store, _ = hostile
    target = tmp_path / "x.pdf"
    target.write_bytes(b"old")
    out = invoice_pdf(store, "GR-1", target, created=CREATED)
    assert out == target and target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_default_dates_are_today(docs_store, tmp_path):
    set_business(docs_store)
    c = docs_store.add_client(Client("Acme"))
    today = clock.today()
    docs_store.add_invoice(Invoice("T-1", c.id, today, today, "EUR", 100))
    text = pdf_pages(statement_pdf(docs_store, "Acme", tmp_path / "t.pdf"))[0]
    assert "T-1" in text and today.strftime("%Y") in text


def test_export_statements_for_every_overdue_client(hostile, tmp_path):
    store, built = hostile
    steps = []
    task = Task(lambda done, total, text: steps.append((done, total, text)))
    folder = tmp_path / "out" / "statements"
    paths = export_statements(store, folder, as_of=AS_OF, task=task, created=CREATED)
    overdue = sorted(set(built.numbers) - {PAID_UP, NOT_DUE}, key=str.casefold)
    assert len(paths) == len(overdue) == 8
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
    for path, name in zip(paths, overdue, strict=True):
        assert path.suffix == ".pdf" and path.name.endswith(f"statement {AS_OF.isoformat()}.pdf")
        text = re.sub(r"\s+", "", " ".join(pdf_pages(path)))
        assert re.sub(r"\s+", "", name) in text
    # progress: from 0 to the total, one step per client, the client's name as the text
    assert steps[0][:2] == (0, 8) and steps[-1][:2] == (8, 8)
    assert [s[0] for s in steps] == sorted(s[0] for s in steps)
    assert {s[2] for s in steps} >= {ACCENTED, BULK, CJK}


def test_cancelled_export_leaves_nothing_behind(hostile, tmp_path):
    store, built = hostile
    folder = tmp_path / "statements"
    folder.mkdir()
    keep = folder / f"{ACCENTED} - statement {AS_OF.isoformat()}.pdf"
    keep.write_bytes(b"earlier")
    pressed: list[Task] = []

    def cancel_at_third(done, total, text):
        if done == 3:
            pressed[0].cancel()  # the progress dialog's Cancel button, mid-way

    task = Task(cancel_at_third)
    pressed.append(task)
    with pytest.raises(Cancelled):
        export_statements(store, folder, as_of=AS_OF, task=task)
    assert [p.name for p in folder.iterdir()] == [keep.name]  # no staging folder either
    assert keep.read_bytes() == b"earlier"


def test_export_with_no_overdue_client_makes_nothing(docs_store, tmp_path):
    set_business(docs_store)
    c = docs_store.add_client(Client("Acme"))
    docs_store.add_invoice(Invoice("F-1", c.id, AS_OF, AS_OF + dt.timedelta(days=30), "EUR", 1))
    steps = []
    assert export_statements(docs_store, tmp_path / "s", as_of=AS_OF,
                             task=Task(lambda *a: steps.append(a))) == []
    assert steps == [(0, 0, ""), (0, 0, "")]
    assert list((tmp_path / "s").iterdir()) == []


@pytest.mark.parametrize("name, expected", [
    ("Acme / Sons: \"best\" <co>?", "Acme _ Sons_ _best_ _co__"),
    ("  trailing dots...  ", "trailing dots"),
    ("CON", "_CON"),
    ("a\tb\nc", "a_b_c"),
])
def test_safe_file_stem(name, expected):
    assert safe_file_stem(name) == expected


def test_safe_file_stem_keeps_within_the_byte_limit():
    stem = safe_file_stem("山田" * 200)
    assert len(stem.encode("utf-8")) <= 120 and stem.startswith("山田山田")


def test_names_that_look_alike_as_files_get_distinct_names(docs_store, tmp_path):
    set_business(docs_store)
    for name in ("A/B", "A_B", "A:B"):
        c = docs_store.add_client(Client(name))
        docs_store.add_invoice(Invoice(f"N-{c.id}", c.id, dt.date(2025, 1, 1),
                                       dt.date(2025, 1, 31), "EUR", 100))
    paths = export_statements(docs_store, tmp_path, as_of=AS_OF, created=CREATED)
    assert sorted(p.name for p in paths) == [
        "A_B - statement 2025-06-30 (2).pdf", "A_B - statement 2025-06-30 (3).pdf",
        "A_B - statement 2025-06-30.pdf"]
    assert len({p.read_bytes() for p in paths}) == 3

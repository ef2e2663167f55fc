"""PDFs from the window: an invoice from a table's context menu, a client's statement and
dossier from the client page, and statements for every overdue client into a folder."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from collector_gui.core.model import Client, Invoice
from collector_gui.ui import pdf_actions

from tests.helpers.dates import TODAY
from tests.helpers.gui import open_window, wait_loaded, writable


def _text(path: Path) -> str:
    assert path.read_bytes().startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def filled(ctx):
    store = writable(ctx)
    acme = store.add_client(Client("Acme Ltd", email="ap@acme.test"))
    beta = store.add_client(Client("Beta Co"))
    calm = store.add_client(Client("Calm Inc"))
    past = TODAY - dt.timedelta(days=60)
    store.add_invoice(Invoice("INV-701", acme.id, past, past + dt.timedelta(days=30), "EUR", 12345))
    store.add_invoice(Invoice("INV-702", beta.id, past, past + dt.timedelta(days=14), "EUR", 500))
    store.add_invoice(Invoice("INV-703", calm.id, TODAY, TODAY + dt.timedelta(days=30), "EUR", 900))
    return {"acme": acme, "beta": beta, "calm": calm}


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()))
    return urls


def _save_as(monkeypatch, target: Path) -> list[str]:
    asked: list[str] = []

    def fake(_parent, _title, default, _filter):
        asked.append(default)
        return str(target), "PDF files (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def _wait(qtbot, window):
    task = window.pdfs.task
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=15000)
    assert task.error is None, task.error
    return task.result


@pytest.mark.parametrize("table", ["invoices", "overdue", "client"])
def test_invoice_pdf_from_context_menu(qtbot, ctx, filled, opened, monkeypatch, tmp_path, table):
    window = open_window(qtbot, ctx)
    if table == "client":
        window.show_page(1)
        window.clients.show_client(filled["acme"].id)
        view = window.clients.detail.invoice_table
        model = window.clients.detail.invoices
    else:
        page = getattr(window, table)
        window.show_page(2 if table == "invoices" else 3)
        view, model = page.table, page.model
    wait_loaded(qtbot, model)
    row = next(r for r in range(model.rowCount()) if model.row_at(r).number == "INV-701")
    invoice_id = model.row_at(row).id
    asked = _save_as(monkeypatch, tmp_path / "out" / "invoice")  # no suffix: .pdf is added
    (tmp_path / "out").mkdir()
    menu = window.pdfs.context_menu(view, invoice_id)
    qtbot.addWidget(menu)
    action = next(a for a in menu.actions() if a.objectName() == "invoicePdf")
    action.trigger()
    made = _wait(qtbot, window)
    assert made == tmp_path / "out" / "invoice.pdf"
    assert Path(asked[0]).name == "Invoice INV-701"
    assert "INV-701" in _text(made)
    assert opened == [str(made)]
    window.close()


@pytest.mark.parametrize("kind", ["statement", "dossier"])
def test_client_documents_from_client_page(qtbot, ctx, filled, opened, monkeypatch, tmp_path,
                                           kind):
    window = open_window(qtbot, ctx)
    window.show_page(1)
    window.clients.show_client(filled["acme"].id)
    action = getattr(window.pdfs, f"act_{kind}_pdf")
    assert action.isEnabled()
    assert action in window.clients.detail.buttons.actions()
    target = tmp_path / f"{kind}.pdf"
    asked = _save_as(monkeypatch, target)
    action.trigger()
    made = _wait(qtbot, window)
    assert made == target
    assert Path(asked[0]).name == f"Acme Ltd - {kind} {TODAY.isoformat()}"
    text = _text(made)
    assert "INV-701" in text and "Acme Ltd" in text
    assert opened == [str(target)]
    window.close()


def test_open_after_saving_is_remembered(qtbot, ctx, filled, opened, monkeypatch, tmp_path,
                                         settings):
    window = open_window(qtbot, ctx)
    window.pdfs.act_open_after.setChecked(False)
    assert settings.value(pdf_actions.OPEN_AFTER_KEY) in (False, "false")
    window.show_page(1)
    window.clients.show_client(filled["beta"].id)
    _save_as(monkeypatch, tmp_path / "s.pdf")
    window.pdfs.act_statement_pdf.trigger()
    _wait(qtbot, window)
    assert opened == []
    assert settings.value(pdf_actions.FOLDER_KEY) == str(tmp_path)
    window.close()
    again = open_window(qtbot, ctx.__class__(ctx.ledger, today=ctx.today, settings=settings))
    assert not again.pdfs.act_open_after.isChecked()
    again.close()
    again.ctx.close()


def test_cancelled_save_dialog_does_nothing(qtbot, window, filled, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    window.show_page(1)
    window.clients.show_client(filled["acme"].id)
    assert window.pdfs.statement_pdf() is None
    assert window.pdfs.task is None


def _info_box(qtbot) -> QMessageBox:
    found: list[QMessageBox] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == "messageBox"
                    and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible)
    return found[0]


def test_export_statements_for_overdue_clients(qtbot, window, filled, opened, monkeypatch,
                                               tmp_path):
    folder = tmp_path / "statements"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(folder)))
    assert window.pdfs.act_export_statements in window.menuBar().actions()[0].menu().actions()
    window.pdfs.act_export_statements.trigger()
    made = _wait(qtbot, window)
    files = sorted(p.name for p in folder.iterdir())
    assert files == [f"Acme Ltd - statement {TODAY.isoformat()}.pdf",
                     f"Beta Co - statement {TODAY.isoformat()}.pdf"]
    assert sorted(p.name for p in made) == files
    assert "INV-702" in _text(folder / files[1])
    box = _info_box(qtbot)
    assert "2 statements" in box.text()
    box.close()


def test_export_statements_cancelled_leaves_nothing(qtbot, window, filled, tmp_path,
                                                     monkeypatch):
    from collector_gui.actions import documents
    from collector_gui.core.errors import Cancelled

    real = documents.render_statement
    started = threading.Event()
    cancelled = threading.Event()

    def gated(*args, **kwargs):
        # the first statement waits until Cancel was pressed: the race is decided by events
        started.set()
        assert cancelled.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(documents, "render_statement", gated)
    folder = tmp_path / "cancelled"
    task = window.pdfs.start_export(folder)
    assert started.wait(5)
    task.cancel()  # what the progress dialog's Cancel button is connected to
    cancelled.set()
    qtbot.waitUntil(lambda: task.done, timeout=15000)
    assert isinstance(task.error, Cancelled)
    assert list(folder.iterdir()) == []
    assert "Cancelled" in window.statusBar().currentMessage()

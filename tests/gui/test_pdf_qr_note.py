"""An invoice PDF that cannot carry its payment QR code says so in the window, in the
user's language (it once went only to the terminal, in English)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from collector_gui.core.model import Client, Invoice
from collector_gui.ui import window_language as i18n
from tests.helpers.dates import TODAY
from tests.helpers.gui import make_ctx, open_window, writable


@pytest.mark.parametrize("language, words", [
    ("en", "The IBAN ES9121000418450200051333 fails its check digits, so the invoice has no "
           "payment QR code"),
    ("es", "El IBAN ES9121000418450200051333 no cuadra con sus dígitos de control, así que la "
           "factura no lleva código QR de pago"),
])
def test_no_qr_code_is_said_in_the_window(qtbot, ctx, tmp_path, monkeypatch, language, words):
    store = writable(ctx)
    store.set_setting("business.name", "Marta Ruiz")
    # an old ledger's IBAN, saved before the profile checked it
    store.set_setting("business.iban", "ES9121000418450200051333")
    acme = store.add_client(Client("Acme SL", currency="EUR"))
    past = TODAY - dt.timedelta(days=40)
    invoice = store.add_invoice(Invoice("F-1", acme.id, past, past + dt.timedelta(days=30),
                                        "EUR", 12100))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(tmp_path / "f1.pdf"), "")))
    assert i18n.install_translators(language) or language == "en"
    try:
        context = make_ctx(ctx.ledger, ctx.settings, "es_ES" if language == "es" else "en_US",
                           language)
        window = open_window(qtbot, context)
        try:
            task = window.pdfs.invoice_pdf(invoice.id)
            qtbot.waitUntil(lambda: task.done, timeout=15000)
            assert task.error is None and Path(task.result).exists()
            box = window.pdfs.notes_box
            assert isinstance(box, QMessageBox) and box.isVisible()
            assert words in box.text()
            assert "f1.pdf" in box.informativeText()
            box.close()
        finally:
            window.close()
            context.ledger.close()
    finally:
        i18n.install_translators("en")
    QApplication.processEvents()

"""The invoice dialog's terms: a new invoice starts from the business's IRPF, discount and
VAT rate (new lines), the totals line shows the IRPF withheld, and what is saved is base +
VAT − IRPF with the invoice's own terms; editing keeps an invoice's own terms."""

from __future__ import annotations

from decimal import Decimal

from collector_gui.core.model import Client
from collector_gui.ui.dialogs.invoice import InvoiceDialog

from tests.helpers.gui import writable


def _dialog(qtbot, ctx, **kw) -> InvoiceDialog:
    dialog = InvoiceDialog(ctx, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_new_invoice_takes_the_business_terms(qtbot, ctx):
    store = writable(ctx)
    for key, value in {"business.irpf_rate": "15", "business.vat_rate": "21",
                       "business.discount_percent": "2", "business.discount_days": "10"}.items():
        store.set_setting(key, value)
    client = store.add_client(Client("Estudio Ñ"))
    dialog = _dialog(qtbot, ctx, client_id=client.id)
    assert dialog.line_tax.text() == "21"
    assert dialog.terms.irpf.text() == "15" and dialog.terms.discount.text() == "2"
    assert dialog.terms.days.value() == 10
    qtbot.keyClicks(dialog.line_desc, "Design")
    qtbot.keyClicks(dialog.line_price, "1000")
    dialog.add_pending_line()
    text = dialog.totals.text()
    assert "IRPF 15% −€150.00" in text and "Total €1,060.00" in text
    dialog.terms.irpf.setText("150")
    assert not dialog.save_button.isEnabled() and "IRPF" in dialog.problems.text()
    dialog.terms.irpf.setText("7")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    saved = ctx.store.find_invoice(dialog.result_record.number)
    assert saved.total_minor == 100000 + 21000 - 7000
    assert (saved.irpf_rate, saved.discount_percent, saved.discount_days) == (
        Decimal(7), Decimal(2), 10)
    # Editing shows the invoice's own terms, whatever the business's are now.
    store.set_setting("business.irpf_rate", "0")
    again = _dialog(qtbot, ctx, invoice=saved)
    assert again.terms.irpf.text() == "7" and again.terms.days.value() == 10
    assert not again.has_changes()
    again.discard()

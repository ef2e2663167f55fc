"""Reminders > Sent messages: every email sent, saved, failed or unknown, newest first,
searchable without accents; one chosen shows its text and attachments' names, saves as .eml
again, and a failed one is sent again through the outbox's own retry, to a real SMTP server."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy

import pytest

from collector_gui.core.model import Client, Invoice
from collector_gui.ledger import outbox as ob
from collector_gui.mail import compose
from collector_gui.mail.smtp import SmtpSettings
from collector_gui.ui.dialogs.sent_messages import SentMessagesDialog
from tests.helpers import smtp as smtp_helpers
from tests.helpers.dates import TODAY
from tests.helpers.gui import writable

NOW = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 8, 0)


def _queue(store, client, invoice, subject, at, *, attachment="factura-A-1.pdf"):
    msg = compose.compose(sender="me@example.com", sender_name="Marta", recipient=client.email,
                          subject=subject, text=f"Hola,\n\n{subject}.\n",
                          attachments=[compose.Attachment(attachment, b"%PDF-1.4 test")],
                          date=at)
    return ob.queue_message(store, client_id=client.id, at=at, stage="polite", subject=subject,
                            invoice_ids=[invoice.id], message_id=msg["Message-ID"],
                            raw=compose.serialize(msg), balances={invoice.id: invoice.total_minor})


@pytest.fixture
def mails(ctx):
    store = writable(ctx)
    due = TODAY - dt.timedelta(days=20)
    ids = {}
    for name, email, number in (("Gutiérrez SL", "ana@gutierrez.es", "A-1"),
                                ("Beta SA", "pagos@beta.es", "B-1"),
                                ("Álvarez SC", "info@alvarez.es", "C-1")):
        client = store.add_client(Client(name, email=email, currency="EUR"))
        invoice = store.add_invoice(Invoice(number, client.id, due - dt.timedelta(days=30), due,
                                            "EUR", 100000))
        ids[name] = (client, invoice)
    client, invoice = ids["Gutiérrez SL"]
    sent_id = _queue(store, client, invoice, "Factura A-1 pendiente", NOW - dt.timedelta(days=3))
    message_id = ob.pending_message(store, sent_id).message_id
    ob.mark_sent(store, sent_id, message_id=message_id, history=ob.history_body(
        client.email, ["factura-A-1.pdf"], "Hola,\n\nFactura A-1 pendiente.\n"))
    client, invoice = ids["Beta SA"]
    failed_id = _queue(store, client, invoice, "Factura B-1 pendiente", NOW - dt.timedelta(days=2),
                       attachment="factura-B-1.pdf")
    ob.mark_failed(store, failed_id, "550 mailbox unavailable")
    client, invoice = ids["Álvarez SC"]
    unknown_id = _queue(store, client, invoice, "Factura C-1 pendiente", NOW - dt.timedelta(days=1))
    ob.mark_unknown(store, unknown_id, "no answer after the final dot")
    return {"sent": sent_id, "failed": failed_id, "unknown": unknown_id}


def _dialog(qtbot, ctx) -> SentMessagesDialog:
    dialog = SentMessagesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _rows(dialog) -> list[tuple[str, str]]:
    return [(dialog.list.topLevelItem(i).text(0), dialog.list.topLevelItem(i).text(3))
            for i in range(dialog.list.topLevelItemCount())]


def _choose(dialog, event_id: int) -> None:
    for i in range(dialog.list.topLevelItemCount()):
        item = dialog.list.topLevelItem(i)
        if item.data(0, 0x0100) == event_id:
            dialog.list.setCurrentItem(item)
            return
    raise AssertionError(event_id)


def test_every_message_newest_first_and_searchable(qtbot, ctx, mails):
    dialog = _dialog(qtbot, ctx)
    assert _rows(dialog) == [("Álvarez SC", "delivery unknown"), ("Beta SA", "failed"),
                             ("Gutiérrez SL", "sent")]
    dialog.search.setText("gutierrez")
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 1)
    assert _rows(dialog) == [("Gutiérrez SL", "sent")]
    dialog.search.setText("ALVAREZ")
    qtbot.waitUntil(lambda: _rows(dialog) == [("Álvarez SC", "delivery unknown")])
    dialog.search.setText("pagos@beta")
    qtbot.waitUntil(lambda: _rows(dialog) == [("Beta SA", "failed")])
    dialog.search.setText("nadie")
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 0)
    assert dialog.result.text() == "No message matches."


def test_opening_shows_text_and_attachments_and_buttons_follow_the_status(qtbot, ctx, mails):
    dialog = _dialog(qtbot, ctx)
    _choose(dialog, mails["sent"])
    assert "Factura A-1 pendiente." in dialog.text.toPlainText()
    assert dialog.attachments.text() == "Attachments: factura-A-1.pdf"
    assert not dialog.retry_button.isEnabled() and not dialog.discard_button.isEnabled()
    _choose(dialog, mails["failed"])
    dialog.list.currentItem().setSelected(True)
    assert "Factura B-1 pendiente." in dialog.text.toPlainText()
    assert dialog.attachments.text() == "Attachments: factura-B-1.pdf"
    assert dialog.retry_button.isEnabled() and dialog.discard_button.isEnabled()
    assert not dialog.arrived_button.isEnabled()
    _choose(dialog, mails["unknown"])
    dialog.list.clearSelection()
    dialog.list.currentItem().setSelected(True)
    assert dialog.arrived_button.isEnabled() and not dialog.retry_button.isEnabled()


@pytest.mark.parametrize("which", ["sent", "failed"])
def test_save_as_eml_again(qtbot, ctx, mails, tmp_path, which):
    writable(ctx).set_setting("business.email", "me@example.com")
    dialog = _dialog(qtbot, ctx)
    _choose(dialog, mails[which])
    task = dialog.save(tmp_path / "again.eml")
    qtbot.waitUntil(lambda: task.done, timeout=10000)
    assert task.error is None
    msg = message_from_bytes((tmp_path / "again.eml").read_bytes(), policy=policy.default)
    subject = {"sent": "Factura A-1 pendiente", "failed": "Factura B-1 pendiente"}[which]
    assert msg["Subject"] == subject
    assert subject + "." in msg.get_body(("plain",)).get_content()
    names = [part.get_filename() for part in msg.iter_attachments()]
    # the queued message keeps its attachment; a sent one's history keeps only its name
    assert names == (["factura-B-1.pdf"] if which == "failed" else [])
    assert "again.eml" in dialog.result.text()


def test_retry_a_failed_one_through_a_real_server(qtbot, ctx, mails):
    handler = smtp_helpers.Handler()
    controller, port = smtp_helpers.start_server(handler)
    try:
        smtp_helpers.configure(writable(ctx), SmtpSettings(
            host="127.0.0.1", port=port, security="none", from_address="me@example.com",
            timeout=smtp_helpers.TIMEOUT))
        dialog = _dialog(qtbot, ctx)
        _choose(dialog, mails["failed"])
        dialog.list.currentItem().setSelected(True)
        task = dialog.retry()
        qtbot.waitUntil(lambda: task.done, timeout=20000)
        assert task.error is None
        assert len(handler.received) == 1
        assert handler.received[0].rcpt_tos == ["pagos@beta.es"]
        assert ("Beta SA", "sent") in _rows(dialog)
    finally:
        controller.stop()

"""Thank-yous: a payment that clears a reminded invoice queues one in the payment's own
transaction (thanks.enabled on); it reaches a real SMTP server on 127.0.0.1 the next time mail
is sent, in the client's language; never for a part payment, a void invoice, an invoice never
reminded, or when the setting is off; never twice, not even after a retry."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io

import pytest

from collector_gui.actions import config, delivery, records, thanks
from collector_gui.actions.bank import import_statement
from collector_gui.actions.remind import plan_reminders
from collector_gui.cli import main
from collector_gui.core import settings as S
from collector_gui.core.model import Client, Invoice, Payment
from collector_gui.ledger import outbox as ob
from tests.helpers.smtp import configure

TODAY = dt.date(2026, 11, 23)


def _parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def _text(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def _html(msg) -> str:
    return msg.get_body(preferencelist=("html",)).get_content()


def _client(store, name, lang, email_, contact=""):
    return store.add_client(Client(name=name, email=email_, language=lang,
                                   billing_name=contact))


def _invoice(store, client, number, total, due=dt.date(2026, 11, 3)):
    return store.add_invoice(Invoice(number, client.id, due - dt.timedelta(days=30), due,
                                     "EUR", total))


def _remind(store, server):
    """Send today's reminders for real, so the invoices were reminded (status sent)."""
    configure(store, server.settings)
    flow = plan_reminders(store, TODAY)
    summary = flow.send()
    assert summary.ok and summary.sent, summary.text()
    server.handler.received.clear()


@pytest.fixture
def business(store):
    store.set_setting("business.name", "Marta Ruiz Diseño")
    store.set_setting("business.email", "marta@example.org")
    store.set_setting("business.phone", "+34 600 111 222")
    store.set_setting("business.iban", "ES9121000418450200051332")
    return store


@pytest.fixture
def reminded(business, plain_server):
    """A Spanish and an English client, each with one invoice reminded (sent), and the
    Spanish one with a second invoice, not yet due, never reminded."""
    store = business
    es = _client(store, "Peñalver & Hijos S.L.", "es", "cuentas@penalver.es", "Begoña Núñez")
    en = _client(store, "Hartley Books Ltd", "en", "accounts@hartley.example", "Sam Hartley")
    inv_es = _invoice(store, es, "2026-0042", 181500)
    inv_en = _invoice(store, en, "2026-0050", 90000)
    _remind(store, plain_server)
    later = _invoice(store, es, "2026-0077", 50000, due=dt.date(2026, 12, 20))
    return store, {"es": inv_es, "en": inv_en, "later": later}


def _pay(store, invoice, amount=None, day=dt.date(2026, 11, 20)):
    return records.add_payment(store, Payment(invoice.id, day, amount or invoice.total_minor,
                                              "transfer")).value


def _thank_yous(store):
    with store.ledger.read() as db:
        return list(db.query("SELECT * FROM contact_events WHERE stage = 'thanks' "
                             "ORDER BY id"))


def test_off_by_default(reminded):
    store, inv = reminded
    assert S.THANKS_ENABLED.default == "off"
    assert store.get_setting("thanks.enabled") is None
    assert "thanks.enabled" in config.config_keys()
    _pay(store, inv["es"])
    assert _thank_yous(store) == []
    assert thanks.send_waiting(store).results == []


def test_the_setting_is_checked_like_the_others(store):
    assert config.config_set(store, "thanks.enabled", " Yes ") == "on"
    assert config.config_set(store, "thanks.enabled", "0") == "off"
    with pytest.raises(Exception, match="thanks.enabled"):
        config.config_set(store, "thanks.enabled", "maybe")


def test_spanish_and_english_thank_yous_arrive(reminded, plain_server):
    store, inv = reminded
    config.config_set(store, "thanks.enabled", "on")
    _pay(store, inv["es"])
    _pay(store, inv["en"], day=dt.date(2026, 11, 21))
    waiting = _thank_yous(store)
    assert [w["status"] for w in waiting] == ["failed", "failed"]  # not delivered: safe to send
    assert not plain_server.handler.received  # queued, not sent, until mail is sent

    summary = thanks.send_waiting(store)
    assert [r.status for r in summary.results] == ["sent", "sent"], summary.text()
    got = {r.rcpt_tos[0]: _parse(r.data) for r in plain_server.handler.received}

    es = got["cuentas@penalver.es"]
    assert es["Subject"] == "Gracias por el pago de la factura 2026-0042"
    assert es["Content-Language"] == "es"
    text = _text(es)
    print(text)
    assert text.startswith("Hola, Begoña:\n")
    assert "2026-0042" in text and "1815,00\xa0€" in text.replace(".", "")
    assert "20 de noviembre" in text
    # the Spanish client still owes 2026-0077: one neutral line, no amount, no pressure
    assert "quedan otras facturas pendientes;" in text and "500" not in text
    assert "Marta Ruiz Diseño" in text and "nada pendiente" not in text
    assert "2026-0042" in _html(es)

    en = got["accounts@hartley.example"]
    assert en["Subject"] == "Thank you for your payment of invoice 2026-0050"
    text = _text(en)
    print(text)
    assert text.startswith("Hello Sam,\n")
    assert "€900.00" in text and "November 21" in text
    assert "With this, nothing else is pending on your account." in text
    assert [w["status"] for w in _thank_yous(store)] == ["sent", "sent"]


def test_never_for_a_part_payment_an_unreminded_or_a_void_invoice(reminded, plain_server):
    store, inv = reminded
    config.config_set(store, "thanks.enabled", "on")
    _pay(store, inv["es"], amount=100000)  # a part payment
    _pay(store, inv["later"])  # cleared, but never reminded
    assert _thank_yous(store) == []
    # a thank-you waiting when its invoice is voided (its payment taken back) is withdrawn
    payment = _pay(store, inv["en"])
    (waiting,) = _thank_yous(store)
    store.delete_payment(payment.id)
    store.set_invoice_flags(inv["en"].id, void=True)
    summary = thanks.send_waiting(store)
    assert [r.status for r in summary.results] == ["skipped"]
    assert "void" in summary.results[0].error
    assert not plain_server.handler.received
    note = store.events_of(inv["en"].client_id)[-1]
    assert note.kind == "note" and note.subject.startswith("Thank-you not sent")


def test_one_message_for_two_invoices_cleared_before_it_went(business, plain_server):
    store = business
    es = _client(store, "Peñalver & Hijos S.L.", "es", "cuentas@penalver.es", "Begoña Núñez")
    a = _invoice(store, es, "2026-0042", 181500)
    b = _invoice(store, es, "2026-0043", 24200)
    _remind(store, plain_server)  # one reminder naming both
    config.config_set(store, "thanks.enabled", "on")
    _pay(store, a)
    _pay(store, b, day=dt.date(2026, 11, 21))
    (waiting,) = _thank_yous(store)
    summary = thanks.send_waiting(store)
    assert [r.status for r in summary.results] == ["sent"]
    (got,) = plain_server.handler.received
    msg = _parse(got.data)
    assert msg["Subject"] == "Gracias por el pago de las facturas 2026-0042 y 2026-0043"
    text = _text(msg)
    print(text)
    assert "- Factura 2026-0042: 1815,00\xa0€, pago recibido el 20 de noviembre" in text.replace(
        "1.815", "1815")
    assert "Con esto no queda nada pendiente en su cuenta." in text


def test_a_bank_import_queues_it_in_its_transaction_and_remind_sends_it(
        reminded, plain_server, tmp_path, capsys, monkeypatch):
    store, inv = reminded
    config.config_set(store, "thanks.enabled", "on")
    statement = tmp_path / "bank.csv"
    statement.write_text("Fecha;Importe;Concepto;Referencia\n"
                         "20/11/2026;900,00;Pago factura 2026-0050;REF-1\n", encoding="utf-8")
    result = import_statement(store, statement, bank="test",
                              csv_map="date=Fecha,amount=Importe,text=Concepto,"
                                      "reference=Referencia")
    assert [line.outcome for line in result.lines] == ["recorded"]
    (waiting,) = _thank_yous(store)
    assert waiting["status"] == "failed"
    # `collector remind --send` on a day with no reminder due: the thank-you goes all the same
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--ledger", str(store.ledger.path), "remind", "--send", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "1 sent" in out, out
    (got,) = plain_server.handler.received
    assert _parse(got.data)["Subject"] == "Thank you for your payment of invoice 2026-0050"
    # and never twice: sending again, or retrying the outbox, sends nothing more
    assert main(["--ledger", str(store.ledger.path), "outbox", "send"]) == 0
    assert "No thank-you waits" in capsys.readouterr().out
    assert delivery.retry(store).results == []
    assert len(plain_server.handler.received) == 1


def test_no_double_send_after_a_failed_attempt_and_a_retry(reminded, plain_server):
    store, inv = reminded
    config.config_set(store, "thanks.enabled", "on")
    _pay(store, inv["en"])
    plain_server.handler.faults.append(("data", "451 4.3.0 try again later"))
    first = thanks.send_waiting(store)
    assert [r.status for r in first.results] == ["failed"]
    assert not plain_server.handler.received
    (row,) = _thank_yous(store)
    assert row["status"] == "failed" and "451" in row["error"]
    # the outbox's retry sends it, once
    second = delivery.retry(store)
    assert [r.status for r in second.results] == ["sent"], second.text()
    assert len(plain_server.handler.received) == 1
    assert thanks.send_waiting(store).results == [] and delivery.retry(store).results == []
    assert len(plain_server.handler.received) == 1
    # the invoice was thanked: asking again writes nothing
    assert thanks.queue_thanks(store, inv["en"].id) is None


def test_unknown_outcome_is_never_sent_again_without_the_user(reminded, plain_server):
    store, inv = reminded
    config.config_set(store, "thanks.enabled", "on")
    _pay(store, inv["en"])
    plain_server.handler.faults.append(("drop", ""))
    summary = thanks.send_waiting(store)
    assert [r.status for r in summary.results] == ["unknown"]
    assert thanks.send_waiting(store).results == []
    assert delivery.retry(store).results == []
    (item,) = delivery.outbox(store)
    assert item.status == "unknown" and item.stage == "thanks"


def test_reminder_run_sends_waiting_thank_yous_after_its_reminders(business, plain_server):
    store = business
    es = _client(store, "Peñalver & Hijos S.L.", "es", "cuentas@penalver.es")
    en = _client(store, "Hartley Books Ltd", "en", "accounts@hartley.example")
    paid = _invoice(store, es, "2026-0042", 181500)
    _remind(store, plain_server)
    config.config_set(store, "thanks.enabled", "on")
    _pay(store, paid)
    _invoice(store, en, "2026-0050", 90000)  # overdue, never reminded: due a reminder now
    flow = plan_reminders(store, TODAY)
    summary = flow.send()
    assert [r.status for r in summary.results] == ["sent", "sent"], summary.text()
    subjects = [_parse(r.data)["Subject"] for r in plain_server.handler.received]
    assert "2026-0050" in subjects[0] and subjects[1].startswith("Gracias por el pago")
    assert ob.pending_messages(store) == []


def test_queued_in_the_payments_transaction(reminded):
    """A payment taken back with its transaction takes its thank-you with it."""
    store, inv = reminded
    config.config_set(store, "thanks.enabled", "on")
    with pytest.raises(RuntimeError):
        with store.ledger.write():
            _pay(store, inv["en"])
            assert len(_thank_yous(store)) == 1
            raise RuntimeError("the rest of the statement failed")
    assert _thank_yous(store) == [] and store.payments_of(inv["en"].id) == []


def test_a_broken_template_never_stops_the_payment(reminded, tmp_path, monkeypatch, caplog):
    store, inv = reminded
    config.config_set(store, "thanks.enabled", "on")
    from collector_gui.documents import messages

    broken = tmp_path / "user-templates"
    (broken / "thanks").mkdir(parents=True)
    (broken / "thanks" / "en.txt.j2").write_text("{{ no_such_value }}", encoding="utf-8")
    monkeypatch.setattr(messages, "user_templates_dir", lambda: broken)
    _pay(store, inv["en"])
    assert store.get_invoice(inv["en"].id).balance_minor == 0
    assert _thank_yous(store) == []
    assert "no thank-you could be queued" in caplog.text


def test_switched_off_before_it_went_it_never_goes(reminded, plain_server):
    store, inv = reminded
    config.config_set(store, "thanks.enabled", "on")
    _pay(store, inv["en"])
    config.config_set(store, "thanks.enabled", "off")
    summary = delivery.retry(store)  # as `collector outbox retry --all`
    assert [r.status for r in summary.results] == ["skipped"]
    assert "switched off" in summary.results[0].error
    assert not plain_server.handler.received and ob.pending_messages(store) == []

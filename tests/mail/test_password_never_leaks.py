"""After a full cycle (save the password, fail, retry, send, save .eml, back up), the SMTP
password is nowhere but the keyring: not in the ledger, a backup, a log, an error or an .eml."""

from __future__ import annotations

import base64
import logging

from collector_gui.actions import config, delivery, remind
from collector_gui.actions.records import backup
from collector_gui.mail.secrets import Secret
from tests.helpers.smtp import AS_OF, PASSWORD, configure


def _forms(secret: str) -> list[bytes]:
    raw = secret.encode()
    return [raw, secret.encode("utf-16-le"), base64.b64encode(raw),
            base64.b64encode(b"\0" + b"marta@example.org" + b"\0" + raw)]


def test_the_password_is_only_in_the_keyring(store, ledger, debtor, starttls_server, client_tls,
                                             memory_keyring, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    configure(store, starttls_server.settings)
    config.set_smtp_password(store, PASSWORD)
    errors: list[str] = []

    # A failed send (login refused with a wrong saved password), then a retry that works.
    memory_keyring.store[next(iter(memory_keyring.store))] = PASSWORD[::-1]
    failed = remind.plan_reminders(store, AS_OF).send(ssl_context=client_tls)
    errors += [r.error for r in failed.results]
    assert failed.results[0].status == "failed"
    config.set_smtp_password(store, PASSWORD)
    sent = delivery.retry(store, ssl_context=client_tls)
    assert [r.status for r in sent.results] == ["sent"]
    # An error raised while logging in, with the password given by hand.
    try:
        config.send_test_email(store, password="x" + PASSWORD, ssl_context=client_tls)
    except remind.CollectorError as exc:
        errors.append(str(exc))
        errors.append(repr(exc))
    # .eml files of another reminder.
    store.set_setting("reminders.min_gap_days", "0")
    flow = remind.plan_reminders(store, AS_OF)
    flow.add_client(debtor.id, "firm")
    saved = flow.save_eml(tmp_path / "eml")
    assert [r.status for r in saved.results] == ["saved"]
    copy = backup(ledger, tmp_path / "backup.sqlite")
    ledger.conn.execute("PRAGMA wal_checkpoint(FULL)")

    haystacks = {
        "ledger": ledger.path.read_bytes(),
        "wal": ledger.path.with_name(ledger.path.name + "-wal").read_bytes()
        if ledger.path.with_name(ledger.path.name + "-wal").exists() else b"",
        "backup": copy.read_bytes(),
        "eml": b"".join(p.read_bytes() for p in (tmp_path / "eml").iterdir()),
        "log": "\n".join(r.getMessage() for r in caplog.records).encode(),
        "errors": "\n".join(errors).encode(),
        "summary": (failed.text() + sent.text() + saved.text()).encode(),
    }
    assert errors and haystacks["eml"] and haystacks["ledger"]
    for where, data in haystacks.items():
        for secret in (PASSWORD, PASSWORD[::-1], "x" + PASSWORD):
            for form in _forms(secret):
                assert form not in data, f"the password is in the {where}"
    assert memory_keyring.store == {("collector-smtp", "marta@example.org@127.0.0.1"): PASSWORD}


def test_a_secret_never_shows_itself():
    secret = Secret(PASSWORD)
    assert PASSWORD not in repr(secret) and PASSWORD not in str(secret)
    assert PASSWORD not in f"{secret}" and PASSWORD not in repr([secret])
    assert secret.reveal() == PASSWORD

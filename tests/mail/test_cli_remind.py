"""`collector config` and `collector remind`, through the command line, to a real SMTP server."""

from __future__ import annotations

import email
import email.policy
import io

from collector_gui.cli import main

AS_OF = "2026-11-23"


def cli(store, *args):
    return main(["--ledger", str(store.ledger.path), *args])


def configure_by_cli(store, server):
    for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(server.port)),
                       ("smtp.security", "none"), ("smtp.from", "marta@example.org")):
        assert cli(store, "config", "set", key, value) == 0


def test_config_set_get_list_and_password(store, debtor, capsys, monkeypatch, memory_keyring):
    assert cli(store, "config", "set", "smtp.security", "starttls") == 0
    assert cli(store, "config", "get", "smtp.security") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "starttls"
    assert cli(store, "config", "set", "smtp.security", "carrier-pigeon") == 1
    assert "smtp.security" in capsys.readouterr().err
    assert cli(store, "config", "list") == 0
    assert "business.name" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-Pässword\n"))
    assert cli(store, "config", "set-password") == 1  # no server or user yet: says so
    assert "smtp.host" in capsys.readouterr().err
    assert cli(store, "config", "set", "smtp.host", "mail.example.org") == 0
    assert cli(store, "config", "set", "smtp.user", "marta") == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-Pässword\n"))
    assert cli(store, "config", "set-password") == 0
    assert "keyring" in capsys.readouterr().out
    assert list(memory_keyring.store.values()) == ["s3cret-Pässword"]
    assert b"s3cret" not in store.ledger.path.read_bytes()


def test_remind_dry_run_send_twice_and_eml(store, debtor, plain_server, capsys, tmp_path,
                                           monkeypatch):
    configure_by_cli(store, plain_server)
    capsys.readouterr()
    assert cli(store, "remind", "--as-of", AS_OF, "--dry-run") == 0
    dry = capsys.readouterr().out
    assert "cuentas@penalver.es" in dry and "2026-0042" in dry
    assert not plain_server.handler.received

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: no confirmation
    assert cli(store, "remind", "--as-of", AS_OF, "--send") == 1
    assert "--yes" in capsys.readouterr().err
    assert not plain_server.handler.received

    assert cli(store, "remind", "--as-of", AS_OF, "--send", "--yes") == 0
    (got,) = plain_server.handler.received
    msg = email.message_from_bytes(got.data, policy=email.policy.default)
    assert msg["To"].addresses[0].addr_spec == "cuentas@penalver.es"
    assert "2026-0042" in msg["Subject"]
    assert any(part.get_content_type() == "application/pdf" for part in msg.iter_attachments())

    capsys.readouterr()
    assert cli(store, "remind", "--as-of", AS_OF, "--send", "--yes") == 0  # same day again
    assert len(plain_server.handler.received) == 1
    assert "No reminder is due" in capsys.readouterr().out

    assert cli(store, "remind", "--as-of", "2026-12-20", "--eml", str(tmp_path / "out")) == 0
    (saved,) = (tmp_path / "out").glob("*.eml")
    parsed = email.message_from_bytes(saved.read_bytes(), policy=email.policy.default)
    assert "2026-0042" in parsed["Subject"]

"""The settings dialog's Mail tab: SMTP values saved through config.config_set, the password
into the keyring (or, with no keyring, a note and no field), and a test email off the UI
thread that reports a refused connection."""

from __future__ import annotations

import socket

import keyring
import keyring.backend
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt

from collector_gui.actions import config
from collector_gui.ui.dialogs.settings import SettingsDialog


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)


def _dialog(qtbot, ctx):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_mail_settings_saved_and_password_in_keyring(qtbot, demo_ctx, memory_keyring):
    dialog = _dialog(qtbot, demo_ctx)
    mail = dialog.mail
    assert mail.password.isEnabled() and not mail.keyring.text()
    qtbot.keyClicks(mail.host, "smtp.example.com")
    mail.port.setValue(465)
    mail.security.setCurrentIndex(mail.security.findData("ssl"))
    qtbot.keyClicks(mail.user, "lucia")
    qtbot.keyClicks(mail.sender, "lucia@example.com")
    qtbot.keyClicks(mail.password, "s3cret")
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    store = demo_ctx.store
    assert config.config_get(store, "smtp.host") == "smtp.example.com"
    assert config.config_get(store, "smtp.port") == "465"
    assert config.config_get(store, "smtp.security") == "ssl"
    assert config.config_get(store, "smtp.from") == "lucia@example.com"
    assert list(memory_keyring.store.values()) == ["s3cret"]
    assert "s3cret" not in str(store.settings())


def test_bad_host_is_refused(qtbot, demo_ctx, memory_keyring):
    dialog = _dialog(qtbot, demo_ctx)
    qtbot.keyClicks(dialog.mail.host, "smtp://bad host")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    assert "smtp.host" in dialog.problems.text()
    dialog.accept()
    assert dialog.saving is None and dialog.isVisible()  # not saved
    assert config.config_get(demo_ctx.store, "smtp.host") == ""


def test_no_keyring_says_so(qtbot, demo_ctx, no_keyring):
    dialog = _dialog(qtbot, demo_ctx)
    assert not dialog.mail.password.isEnabled()
    assert "keyring" in dialog.mail.keyring.text()


def test_test_email_reports_refused_connection(qtbot, demo_ctx, memory_keyring):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dialog = _dialog(qtbot, demo_ctx)
    mail = dialog.mail
    qtbot.keyClicks(mail.host, "127.0.0.1")
    mail.port.setValue(port)
    mail.security.setCurrentIndex(mail.security.findData("none"))
    qtbot.keyClicks(mail.sender, "me@example.com")
    qtbot.mouseClick(mail.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mail.task is not None and mail.task.done, timeout=20000)
    assert mail.task.error is not None
    assert mail.test_result.text().startswith("Not sent:")
    assert mail.test_button.isEnabled()

"""The settings dialog and `collector config set` accept and refuse the same values, setting
by setting (every declaration in core/settings.py), and save them the same way.

Each value is typed into the real dialog (its own widget for that setting) and saved with
the Save button; the same value goes through `config_set` on a ledger of its own.
"""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from collector_gui.actions import config
from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.ui.dialogs.settings import SettingsDialog

from tests.helpers.gui import writable

# Good and bad values per kind of setting.
WHOLE_NUMBERS = ["7", " 12 ", "0", "1", "90", "91", "365", "366", "600", "601", "65535",
                 "65536", "-1", "1.5", "abc", ""]
EMAILS = ["me@example.com", " me@example.com ", "not an email", "a@b", "x@y.example, z@y.example",
          ""]
TEXT = ["Sam Freelance", "  spaced  ", "ñandú & co", "", "A4", "Letter"]
KINDS: dict[str, list[str]] = {
    "business.currency": ["USD", "eur", "EURO", "XXX", ""],
    "business.language": ["es", "en", "fr", "ES", ""],
    "business.email": EMAILS,
    "smtp.from": EMAILS,
    "smtp.security": ["ssl", "none", "starttls", "tls", ""],
    "smtp.host": ["smtp.example.com", "127.0.0.1", "smtp://bad host", "a b", ""],
    "invoice.number_pattern": ["INV-{year}-{seq:03d}", "{seq}", "INV-{year}", "{nope}-{seq}",
                               "{seq:zz}", ""],
    "late.mode": ["off", "fixed", "interest", "fixed+interest", "eu", "es", "uk", "bogus", ""],
    "late.fixed": ["15", "15.50", "15,50", "abc", "-3", ""],
    "late.annual_rate": ["8", "8.5", "abc", "-1", "500", ""],
    "late.reference_rate": ["2.15", "abc", "-1", ""],
    "late.compensation": ["40 EUR", "40 EUR; 40 GBP", "40", "EUR", ""],
    "reminders.stages": ["polite,firm,final", "polite", "polite,urgent", "final,polite", ""],
    "business.paper": ["A4", "Letter", "A3", ""],
    "invoice.credit_note_pattern": ["R-{year}-{seq:04d}", "{seq}", "R-{year}", "{nope}-{seq}", ""],
    "business.vat_rate": ["21", "10.5", "2,5 %", "abc", "-1", "101", "1.234", ""],
    "business.irpf_rate": ["15", "7", "abc", "-1", "150", ""],
    "business.discount_percent": ["2", "2.5", "abc", "-2", ""],
    "thanks.enabled": ["on", "off", "Yes", " no ", "1", "maybe", ""],
}


def _values(setting: S.Setting) -> list[str]:
    if setting.key in KINDS:
        return KINDS[setting.key]
    if isinstance(setting.default, int):
        return WHOLE_NUMBERS
    return TEXT


def _enter(widget: QWidget, text: str) -> bool:
    """Type *text* into the setting's widget as a user could; False when the widget cannot
    hold it at all (a spin box's digits and range, a fixed list's choices)."""
    if isinstance(widget, QSpinBox):
        if not re.fullmatch(r"\s*\d+\s*", text):
            return False
        value = int(text)
        if not widget.minimum() <= value <= widget.maximum():
            return False
        widget.setValue(value)
        return True
    if isinstance(widget, QComboBox):
        if widget.isEditable():
            widget.setEditText(text)
            return True
        # a fixed list: the user picks the entry of that code (the command line takes the
        # code in any case and with spaces around it)
        codes = [str(widget.itemData(i)) for i in range(widget.count())]
        wanted = [i for i, code in enumerate(codes) if code == text.strip().lower()]
        if not text.strip() or not wanted:
            return False
        index = wanted[0]
        widget.setCurrentIndex(index)
        return True
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
        return True
    assert isinstance(widget, QLineEdit), type(widget)
    widget.setText(text)
    return True


def _by_dialog(qtbot, ctx, key: str, value: str) -> tuple[bool, str | None]:
    """(accepted, what the ledger holds after) through the real dialog."""
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        if not _enter(dialog.fields()[key], value):
            return False, ctx.store.get_setting(key)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        if not save.isEnabled():  # what is wrong is listed under the form
            assert dialog.problems.text()
            return False, ctx.store.get_setting(key)
        with qtbot.waitSignal(dialog.finished, timeout=5000) as closed:
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert closed.args == [QDialog.DialogCode.Accepted.value]
        return True, ctx.store.get_setting(key)
    finally:
        dialog.close()


def _by_command(store: Store, key: str, value: str) -> tuple[bool, str | None]:
    """(accepted, what the ledger holds after) through `collector config set`'s function."""
    try:
        config.config_set(store, key, value)
    except CollectorError:
        return False, store.get_setting(key)
    return True, store.get_setting(key)


def _canonical(key: str, value):
    """A stored value as config would save it ("40 EUR" and "40.00 EUR" are one value)."""
    if isinstance(value, str) and value:
        try:
            return config.check_settings({}, {key: value})[key]
        except CollectorError:
            return value
    return value


def _forget(store: Store, key: str) -> None:
    store.ledger.db.execute("DELETE FROM settings WHERE key = ?", (key,))


def test_the_dialog_shows_every_setting(qtbot, ctx):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert set(dialog.fields()) == set(S.BY_KEY) == set(config.config_keys())


@pytest.mark.parametrize("key", sorted(S.BY_KEY))
def test_dialog_and_command_line_agree(qtbot, ctx, tmp_path, key):
    setting = S.BY_KEY[key]
    scratch = tmp_path / "cli.sqlite"
    shutil.copy(ctx.path, scratch)
    mine = writable(ctx)
    with Ledger.open(scratch, create=False) as other:
        command = Store(other)
        seen = []
        for value in _values(setting):
            expected = _by_command(command, key, value)
            got = _by_dialog(qtbot, ctx, key, value)
            seen.append(expected[0])
            # compared as the program reads them (an unset setting is its default)
            got, expected = ((ok, _canonical(key, setting.parse(raw))) for ok, raw in (got, expected))
            assert got == expected, f"{key} = {value!r}: dialog {got}, command line {expected}"
            _forget(command, key)
            _forget(mine, key)
    assert any(seen), f"no good value of {key} in the table"
    assert not all(seen) or setting.default == "" and key not in KINDS, \
        f"no bad value of {key} in the table"

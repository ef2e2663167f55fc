"""Help > About: version, licence, the data folder and the button that opens it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from collector_gui import __version__
from collector_gui.ui.dialogs.about import AboutDialog


def test_about_says_version_licence_and_folder(qtbot, tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    ledger.touch()
    opened: list[Path] = []
    dialog = AboutDialog(ledger, opener=lambda folder: opened.append(folder) or True)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.title.text()
    assert "GPL-3.0-or-later" in dialog.licence.text()
    assert str(ledger) in dialog.ledger_label.text()
    assert str(tmp_path) in dialog.folder_label.text()

    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path]
    assert dialog.status.text() == ""


def test_about_says_when_the_folder_cannot_be_opened(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path / "gone" / "ledger.sqlite", opener=lambda folder: True)
    qtbot.addWidget(dialog)
    assert dialog.open_folder() is False
    assert "does not exist" in dialog.status.text()

    dialog = AboutDialog(tmp_path / "ledger.sqlite", opener=lambda folder: False)
    qtbot.addWidget(dialog)
    assert dialog.open_folder() is False
    assert "No file manager" in dialog.status.text()


def test_help_about_opens_the_dialog(qtbot, window):
    window.act_about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert str(window.ctx.path) in dialog.ledger_label.text()
    dialog.close()


def test_app_icon_has_the_rendered_sizes(qapp):
    from collector_gui.ui.main_window import app_icon

    icon = app_icon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (48, 48), (256, 256)} <= sizes

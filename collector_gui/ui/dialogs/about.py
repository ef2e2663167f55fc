"""Help > About: the version, the licence, and where the ledger lives (with a button that
opens that folder in the file manager)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from collector_gui import __version__
from collector_gui.ui.window_language import tr

LICENSE = "GPL-3.0-or-later"
LICENSE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


def _open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    """`opener` opens a folder (QDesktopServices by default; tests pass their own)."""

    def __init__(self, ledger_path: Path, parent: QWidget | None = None, *,
                 opener: Callable[[Path], bool] = _open_folder) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(tr("About Collector"))
        self.ledger_path = Path(ledger_path)
        self.folder = self.ledger_path.parent
        self._opener = opener

        icon = QLabel()
        window_icon = (parent.windowIcon() if parent is not None else self.windowIcon())
        if not window_icon.isNull():
            icon.setPixmap(window_icon.pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.title = QLabel(f"<h2>Collector {__version__}</h2>")
        self.title.setObjectName("aboutVersion")
        blurb = QLabel(tr("Know who owes you money, how much and for how long, and chase it "
                          "politely."))
        blurb.setWordWrap(True)
        self.licence = QLabel(tr("Free software under the {licence} licence.").format(
            licence=f'<a href="{LICENSE_URL}">{LICENSE}</a>'))
        self.licence.setObjectName("aboutLicence")
        self.licence.setOpenExternalLinks(True)
        self.licence.setTextFormat(Qt.TextFormat.RichText)

        self.ledger_label = QLabel(tr("Your ledger: {path}").format(path=str(self.ledger_path)))
        self.ledger_label.setObjectName("aboutLedger")
        self.ledger_label.setWordWrap(True)
        self.ledger_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label = QLabel(tr("Data folder (the ledger and its backups): {path}").format(
            path=str(self.folder)))
        self.folder_label.setObjectName("aboutFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(tr("&Open the data folder"))
        self.open_button.setObjectName("aboutOpenFolder")
        self.open_button.clicked.connect(self.open_folder)
        self.status = QLabel()
        self.status.setObjectName("aboutStatus")
        self.status.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        text = QVBoxLayout()
        for widget in (self.title, blurb, self.licence, self.ledger_label, self.folder_label):
            text.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        text.addLayout(row)
        text.addWidget(self.status)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def open_folder(self) -> bool:
        if not self.folder.is_dir():
            self.status.setText(tr("The folder {path} does not exist.").format(
                path=str(self.folder)))
            return False
        if not self._opener(self.folder):
            self.status.setText(tr("No file manager could open {path}.").format(
                path=str(self.folder)))
            return False
        self.status.clear()
        return True

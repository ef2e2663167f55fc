"""The settings dialog's Mail tab: the SMTP server reminders go through.

Values are checked and saved by the settings dialog through `config.save_settings` (the
same rules as `collector config set`); the password goes to the system keyring through
`config.set_smtp_password`, never to the ledger or a file. Where no keyring works the tab says so, and the password is asked at send
time.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from collector_gui.actions import config
from collector_gui.core import reminder_settings as RS
from collector_gui.core.errors import CollectorError
from collector_gui.ledger.store import Store
from collector_gui.mail.smtp import SECURITY_MODES
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.window_language import tr
from collector_gui.ui.reminder_common import ask_password
from collector_gui.ui.tasks import BackgroundTask, run_in_background


class MailForm(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailForm")
        self.ctx = ctx
        store = ctx.store
        self.host = QLineEdit(config.config_get(store, RS.SMTP_HOST.key))
        self.host.setObjectName("smtpHost")
        self.host.setPlaceholderText("smtp.example.com")
        self.port = QSpinBox()
        self.port.setObjectName("smtpPort")
        self.port.setRange(1, 65535)
        self.port.setValue(int(config.config_get(store, RS.SMTP_PORT.key)))
        self.security = QComboBox()
        self.security.setObjectName("smtpSecurity")
        names = {"starttls": tr("STARTTLS (usually port 587)"),
                 "ssl": tr("SSL/TLS (usually port 465)"),
                 "none": tr("None (unencrypted; only for a local server)")}
        for mode in SECURITY_MODES:
            self.security.addItem(names.get(mode, mode), mode)
        self.security.setCurrentIndex(max(0, self.security.findData(
            config.config_get(store, RS.SMTP_SECURITY.key))))
        self.user = QLineEdit(config.config_get(store, RS.SMTP_USER.key))
        self.user.setObjectName("smtpUser")
        self.sender = QLineEdit(config.config_get(store, RS.SMTP_FROM.key))
        self.sender.setObjectName("smtpFrom")
        self.sender.setPlaceholderText(tr("your business email, if empty"))
        self.password = QLineEdit()
        self.password.setObjectName("smtpPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keyring = QLabel()
        self.keyring.setObjectName("keyringStatus")
        self.keyring.setWordWrap(True)
        status = config.keyring_status()
        if status.available:
            self.password.setPlaceholderText(
                tr("saved in the system keyring") if self._has_password()
                else tr("saved in the system keyring when you save"))
        else:
            self.password.setEnabled(False)
            self.password.setPlaceholderText(tr("asked when sending"))
            self.keyring.setText(status.reason)
        self.test_button = QPushButton(tr("Send test email"))
        self.test_button.setObjectName("sendTestEmail")
        self.test_button.setToolTip(tr("Saves the mail settings, then sends a short message "
                                       "to the From address."))
        self.test_button.clicked.connect(self.send_test)
        self.test_result = QLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.task: BackgroundTask | None = None
        form = QFormLayout(self)
        form.addRow(tr("Mail &server"), self.host)
        form.addRow(tr("&Port"), self.port)
        form.addRow(tr("&Security"), self.security)
        form.addRow(tr("&User name"), self.user)
        form.addRow(tr("Pass&word"), self.password)
        form.addRow("", self.keyring)
        form.addRow(tr("&From address"), self.sender)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.test_result, 1)
        form.addRow("", row)

    def _has_password(self) -> bool:
        try:
            return config.has_saved_password(self.ctx.store)
        except CollectorError:
            return False

    def fields(self) -> dict[str, QWidget]:
        """The widget of each setting this tab shows, by key."""
        return {RS.SMTP_HOST.key: self.host, RS.SMTP_PORT.key: self.port,
                RS.SMTP_SECURITY.key: self.security, RS.SMTP_USER.key: self.user,
                RS.SMTP_FROM.key: self.sender}

    def values(self) -> dict[str, str]:
        return {RS.SMTP_HOST.key: self.host.text(),
                RS.SMTP_PORT.key: str(self.port.value()),
                RS.SMTP_SECURITY.key: self.security.currentData(),
                RS.SMTP_USER.key: self.user.text(),
                RS.SMTP_FROM.key: self.sender.text()}

    def save_password(self) -> None:
        """The typed password into the system keyring (after the settings were saved: it is
        kept for their user and server). Raises CollectorError when it cannot be."""
        if self.password.isEnabled() and self.password.text():
            config.set_smtp_password(self.ctx.store, self.password.text())
            self.password.clear()
            self.password.setPlaceholderText(tr("saved in the system keyring"))

    def send_test(self) -> BackgroundTask | None:
        """Save the mail settings (on the writer thread), then send the test message."""
        typed = self.password.text() if self.password.isEnabled() else ""
        values = self.values()
        self.test_button.setEnabled(False)

        def saved(_values) -> None:
            try:
                self.save_password()
            except CollectorError as exc:
                self.test_button.setEnabled(True)
                notify.show_error(self, str(exc))
                return
            self._send_test(typed or None)

        def refused(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            notify.show_error(self, str(exc))

        self.task = self.ctx.write(self, lambda store: config.save_settings(store, values),
                                   saved, on_error=refused)
        return self.task

    def _send_test(self, password: str | None) -> BackgroundTask | None:
        if password is None:
            go, password = ask_password(self, self.ctx)
            if not go:
                self.test_button.setEnabled(True)
                return None
        self.test_result.setText(tr("Sending…"))
        self.test_button.setEnabled(False)

        def op(ledger, _task):
            return config.send_test_email(Store(ledger), password=password)

        def done(_message_id: str) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setText(tr("Sent. Check the inbox of the From address."))

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setText(tr("Not sent: {error}").format(error=str(exc)))

        self.task = run_in_background(self, op, done, ledger_path=self.ctx.path,
                                      label=tr("Sending a test email…"), on_error=failed)
        return self.task

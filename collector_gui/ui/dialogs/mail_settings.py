"""The settings dialog's Mail tab: the SMTP server reminders go through.

Values are checked and saved by `config.config_set` (the same rules as `collector config`);
the password goes to the system keyring through `config.set_smtp_password`, never to the
ledger or a file. Where no keyring works the tab says so, and the password is asked at send
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
from collector_gui.ui import messages
from collector_gui.ui.context import AppContext
from collector_gui.ui.i18n import tr
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

    def save(self) -> None:
        """Check and save the values (raises CollectorError naming the bad one)."""
        store = self.ctx.store
        values = {RS.SMTP_HOST.key: self.host.text().strip(),
                  RS.SMTP_PORT.key: str(self.port.value()),
                  RS.SMTP_SECURITY.key: self.security.currentData(),
                  RS.SMTP_USER.key: self.user.text().strip(),
                  RS.SMTP_FROM.key: self.sender.text().strip()}
        for key, value in values.items():
            if value:
                config.config_set(store, key, value)
            else:
                store.set_setting(key, "")  # cleared: back to "not set"
        if self.password.isEnabled() and self.password.text():
            config.set_smtp_password(store, self.password.text())
            self.password.clear()
            self.password.setPlaceholderText(tr("saved in the system keyring"))

    def send_test(self) -> BackgroundTask | None:
        from collector_gui.ui.reminder_wizard import ask_password

        try:
            typed = self.password.text() if self.password.isEnabled() else ""
            self.save()
        except CollectorError as exc:
            messages.show_error(self, str(exc))
            return None
        password = typed or None
        if password is None:
            go, password = ask_password(self, self.ctx)
            if not go:
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

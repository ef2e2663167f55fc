"""The business profile, invoice numbering and the window's language; and the first start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from collector_gui.actions import config, entry
from collector_gui.core import settings as S
from collector_gui.core import validate
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import current_language
from collector_gui.ui import field_check, notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.client import currency_combo, language_combo
from collector_gui.ui.dialogs.common import (
    add_save_keys,
    ask_to_discard,
    default_client_language,
)
from collector_gui.ui.fields import plain_amount
from collector_gui.ui.dialogs.mail_settings import MailForm
from collector_gui.ui.window_language import LANGUAGE_KEY, chosen_language, tr
from collector_gui.ui.tasks import BackgroundTask
from collector_gui.ui.widgets import restore_geometry, save_geometry



class ProfileForm(QWidget):
    """Who the invoices and reminders come from (the ledger's business.* settings)."""

    changed = Signal()

    def __init__(self, values: S.Settings, window_language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self._text: dict[str, QLineEdit | QPlainTextEdit] = {}
        rows = [
            (S.BUSINESS_NAME, tr("&Name or business name"), False),
            (S.BUSINESS_ADDRESS, tr("&Address"), True),
            (S.BUSINESS_EMAIL, tr("&Email"), False),
            (S.BUSINESS_PHONE, tr("&Phone"), False),
            (S.BUSINESS_TAX_ID, tr("&Tax id (VAT, NIF, EIN…)"), False),
            (S.BUSINESS_IBAN, tr("&IBAN"), False),
            (S.BUSINESS_BIC, tr("&BIC / SWIFT"), False),
            (S.BUSINESS_PAYMENT_INSTRUCTIONS, tr("How to &pay you"), True),
        ]
        for setting, label, multiline in rows:
            value = str(values.get(setting))
            if multiline:
                edit = QPlainTextEdit(value)
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(self.fontMetrics().height() * 4)
                edit.textChanged.connect(self.changed)
            else:
                edit = QLineEdit(value)
                edit.textChanged.connect(self.changed)
            edit.setObjectName(setting.key)
            self._text[setting.key] = edit
            form.addRow(label, edit)
        # Checked as typed, the warning under the field (an invalid IBAN, BIC or email also
        # blocks saving: actions.config refuses it; a tax id only warns).
        checks = ((S.BUSINESS_EMAIL, validate.email), (S.BUSINESS_TAX_ID, validate.tax_id),
                  (S.BUSINESS_IBAN, validate.iban), (S.BUSINESS_BIC, validate.bic))
        self.field_warnings = {setting.key: field_check.attach(form, self._text[setting.key], check)
                               for setting, check in checks}
        self.currency = currency_combo(values.get(S.BUSINESS_CURRENCY))
        self.currency.setObjectName(S.BUSINESS_CURRENCY.key)
        self.currency.currentTextChanged.connect(self.changed)
        # Unset, the default a new client gets (the window's language): saving the first-run
        # profile of a Spanish window as it stood stored "English" for every client to come.
        self.language = language_combo(default_client_language(values, window_language))
        self.language.setObjectName(S.BUSINESS_LANGUAGE.key)
        self.language.currentIndexChanged.connect(self.changed)
        self.terms = QSpinBox()
        self.terms.setObjectName(S.BUSINESS_PAYMENT_TERMS.key)
        self.terms.setRange(0, 365)
        self.terms.setSuffix(tr(" days"))
        self.terms.setValue(values.get(S.BUSINESS_PAYMENT_TERMS))
        self.terms.valueChanged.connect(self.changed)
        form.addRow(tr("Default &currency"), self.currency)
        form.addRow(tr("Default client &language"), self.language)
        form.addRow(tr("Payment &terms"), self.terms)

    def fields(self) -> dict[str, QWidget]:
        """The widget of each setting this form shows, by key."""
        out: dict[str, QWidget] = dict(self._text)
        out[S.BUSINESS_CURRENCY.key] = self.currency
        out[S.BUSINESS_LANGUAGE.key] = self.language
        out[S.BUSINESS_PAYMENT_TERMS.key] = self.terms
        return out

    def values(self) -> dict[str, str]:
        out = {}
        for key, edit in self._text.items():
            out[key] = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
        out[S.BUSINESS_CURRENCY.key] = self.currency.currentText()
        out[S.BUSINESS_LANGUAGE.key] = self.language.currentData()
        out[S.BUSINESS_PAYMENT_TERMS.key] = str(self.terms.value())
        return out

    def errors(self) -> list[str]:
        try:
            config.check_settings({}, self.values())
        except CollectorError as exc:
            return [str(exc)]
        return []


def save_profile(store, values: dict[str, str]) -> None:
    """Check and write every setting in one transaction (the first start, before the window
    exists): all of them are saved, or none."""
    config.save_settings(store, values)


class SettingsDialog(QDialog):
    """Every setting of the ledger (checked and saved by actions/config.py, exactly as
    `collector config set` does, on the writer thread), and the window's language."""

    languageChanged = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("Settings"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ctx = ctx
        self.saving: BackgroundTask | None = None
        values = ctx.business()
        tabs = QTabWidget()
        self.profile = ProfileForm(values, ctx.language)
        tabs.addTab(self.profile, tr("Business profile"))
        numbering = QWidget()
        nform = QFormLayout(numbering)
        self.pattern = QLineEdit(values.get(S.INVOICE_NUMBER_PATTERN))
        self.pattern.setObjectName(S.INVOICE_NUMBER_PATTERN.key)
        self.preview = QLabel()
        nform.addRow(tr("Invoice number &pattern"), self.pattern)
        nform.addRow(tr("Next number"), self.preview)
        nform.addRow(QLabel(tr("Use {year}, {month} and {seq} (e.g. {seq:04d} for 0001).")))
        tabs.addTab(numbering, tr("Invoices"))
        window = QWidget()
        wform = QFormLayout(window)
        self.ui_language = QComboBox()
        self.ui_language.setObjectName("uiLanguage")
        self.ui_language.addItem(tr("Same as the system"), "")
        self.ui_language.addItem("English", "en")
        self.ui_language.addItem("Español", "es")
        self.ui_language.setCurrentIndex(
            max(0, self.ui_language.findData(chosen_language(ctx.settings))))
        wform.addRow(tr("&Language of the window"), self.ui_language)
        tabs.addTab(window, tr("Window"))
        self.mail = MailForm(ctx)
        tabs.addTab(self.mail, tr("Mail"))
        # Every other setting, one line each (reminder policy, late fees, paper, backups…).
        shown = set(self.profile.fields()) | set(self.mail.fields()) | {self.pattern.objectName()}
        more = QWidget()
        mform = QFormLayout(more)
        self.more: dict[str, QLineEdit] = {}
        for key, setting in config.config_keys().items():
            if key in shown:
                continue
            edit = QLineEdit(str(values.get(setting)))
            edit.setObjectName(key)
            edit.setToolTip(setting.description)
            edit.textChanged.connect(self.revalidate)
            label = QLabel(setting.description)
            label.setWordWrap(True)
            label.setBuddy(edit)
            mform.addRow(label, edit)
            self.more[key] = edit
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(more)
        tabs.addTab(scroll, tr("More"))
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setStyleSheet("color: #b3261e;")
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._shown = self.values()  # what the ledger held: only changed values are saved
        self.pattern.textChanged.connect(self.revalidate)
        self.profile.changed.connect(self.revalidate)
        for widget in self.mail.fields().values():
            signal = getattr(widget, "textChanged", None) or getattr(
                widget, "valueChanged", None) or widget.currentIndexChanged
            signal.connect(self.revalidate)
        restore_geometry(ctx.settings, "settings", self)
        self.question: QMessageBox | None = None  # "Discard changes?" while it is asked
        add_save_keys(self, self.accept)
        self.revalidate()

    def fields(self) -> dict[str, QWidget]:
        """The widget of every setting the dialog shows, by key (tests drive them)."""
        out = {**self.profile.fields(), **self.mail.fields(),
               S.INVOICE_NUMBER_PATTERN.key: self.pattern}
        out.update(self.more)
        return out

    def values(self) -> dict[str, str]:
        out = {**self.profile.values(), **self.mail.values(),
               S.INVOICE_NUMBER_PATTERN.key: self.pattern.text()}
        out.update({key: edit.text() for key, edit in self.more.items()})
        fixed = S.LATE_FEE_FIXED.key  # an amount: typed the window's way ("1.000" in es)
        if fixed in out:
            out[fixed] = plain_amount(out[fixed], self.ctx.fmt.locale)
        return out

    def changed_values(self) -> dict[str, str]:
        return {k: v for k, v in self.values().items() if v != self._shown.get(k)}

    def errors(self) -> list[str]:
        try:
            self.preview.setText(entry.propose_number(self.pattern.text(), self.ctx.today(), []))
        except CollectorError:
            self.preview.setText("")
        try:
            config.check_settings(self.ctx.store.settings(), self.changed_values())
        except CollectorError as exc:
            return [str(exc)]
        return []

    def revalidate(self, *_args) -> list[str]:
        problems = self.errors()
        self.problems.setText("\n".join(f"• {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not problems and self.saving is None)
        return problems

    def accept(self) -> None:
        if self.revalidate() or self.saving is not None:
            return
        changed = self.changed_values()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.saving = self.ctx.write(self, lambda store: config.save_settings(store, changed),
                                     self._saved, on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.saving = None
        self.revalidate()
        notify.report(self, exc)  # a CollectorError as its message, anything else logged

    def _saved(self, _values: dict[str, str]) -> None:
        self.saving = None
        try:
            self.mail.save_password()
        except CollectorError as exc:
            notify.show_error(self, str(exc))
            self.revalidate()
            return
        language = self.ui_language.currentData()
        before = chosen_language(self.ctx.settings)
        self.ctx.settings.setValue(LANGUAGE_KEY, language)
        save_geometry(self.ctx.settings, "settings", self)
        super().accept()
        if language != before:
            self.languageChanged.emit(language)

    def reject(self) -> None:
        """Esc, Cancel or the close button: with changes, ask first (as RecordDialog)."""
        if self.saving is not None or (self.question is not None and self.question.isVisible()):
            return
        if self.changed_values() or self.ui_language.currentData() != chosen_language(
                self.ctx.settings):
            self.question = ask_to_discard(self, self.discard)
            return
        self.discard()

    def discard(self) -> None:
        """Close without saving, and without asking."""
        save_geometry(self.ctx.settings, "settings", self)
        super().reject()


class FirstRunDialog(QDialog):
    """The first start: an empty ledger (then the business profile, which may be skipped)
    or the sample ledger for a first look."""

    EMPTY, SAMPLE = "empty", "sample"

    def __init__(self, parent: QWidget | None = None, *, window_language: str = "") -> None:
        """*window_language*: the window's ("en", "es"); by default the language the messages
        speak now (install_translators sets it)."""
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(tr("Welcome to Collector"))
        self.choice: str | None = None
        self.profile_values: dict[str, str] | None = None
        start = QWidget()
        lay = QVBoxLayout(start)
        title = QLabel(tr("Welcome to Collector"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        lay.addWidget(title)
        intro = QLabel(tr("Collector keeps track of who owes you money, and for how long. "
                          "Everything stays in one file on this computer."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.empty_button = QPushButton(tr("Start &empty: my own clients and invoices"))
        self.empty_button.setObjectName("startEmpty")
        self.sample_button = QPushButton(tr("Open a &sample ledger to look around first"))
        self.sample_button.setObjectName("openSample")
        lay.addWidget(self.empty_button)
        lay.addWidget(self.sample_button)
        lay.addStretch(1)
        profile_page = QWidget()
        play = QVBoxLayout(profile_page)
        hint = QLabel(tr("Who do your invoices come from? This goes on invoices and "
                         "reminders; you can change it later in Settings."))
        hint.setWordWrap(True)
        play.addWidget(hint)
        self.profile = ProfileForm(S.Settings({}), window_language or current_language())
        play.addWidget(self.profile)
        self.profile_buttons = QDialogButtonBox()
        self.skip_button = self.profile_buttons.addButton(
            tr("S&kip for now"), QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setObjectName("skip")
        self.save_button = self.profile_buttons.addButton(
            tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveProfile")
        play.addWidget(self.profile_buttons)
        self._pages = (start, profile_page)
        layout = QVBoxLayout(self)
        layout.addWidget(start)
        layout.addWidget(profile_page)
        self.empty_button.clicked.connect(self._empty)
        self.sample_button.clicked.connect(self._sample)
        self.skip_button.clicked.connect(self._skip)
        self.save_button.clicked.connect(self._save)
        self.profile.changed.connect(
            lambda: self.save_button.setEnabled(not self.profile.errors()))
        for button in (self.empty_button, self.sample_button):
            button.setMinimumHeight(button.sizeHint().height() * 2)
        self.setMinimumWidth(460)
        self._show_page(0)

    def _show_page(self, index: int) -> None:
        # Only the page shown counts for the dialog's size (a QStackedWidget would be as
        # big as its biggest page).
        for i, page in enumerate(self._pages):
            page.setVisible(i == index)
        self.page_index = index
        self.adjustSize()

    def _empty(self) -> None:
        self.choice = self.EMPTY
        self._show_page(1)
        self.profile.fields()[S.BUSINESS_NAME.key].setFocus()  # where typing starts

    def _sample(self) -> None:
        self.choice = self.SAMPLE
        self.accept()

    def _skip(self) -> None:
        self.profile_values = None
        self.accept()

    def _save(self) -> None:
        if self.profile.errors():
            return
        self.profile_values = self.profile.values()
        self.accept()

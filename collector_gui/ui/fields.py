"""The amount and date fields of the dialogs: typed the way the user's locale writes them.

An amount reads "5.000,00", "1.200" or "1200,5" in a Spanish window and "5,000.00" in an
English one (core/money.parse_local_minor); a date reads the locale's short form
("30/11/26"), the medium one the tables show ("30 nov 2026") or ISO, typed in one go with
no Tabs between day, month and year (core/fields.parse_local_date), with a calendar popup
(the button, Alt+Down or F4) and Up/Down for a day either way. The rules live in core, so
the window and the command line read a value the same way; these widgets only show them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from babel.dates import format_date
from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from collector_gui.core.errors import CollectorError
from collector_gui.core.fields import FieldError, parse_local_amount, parse_local_date
from collector_gui.core.money import (
    MoneyError,
    amount_example,
    format_local_minor,
    parse_local_minor,
)
from collector_gui.ui.window_language import tr

DEFAULT_LOCALE = "en_US"  # until the dialog says the window's (RecordDialog.finish_layout)


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class AmountEdit(QLineEdit):
    """An amount in one currency, typed in the locale's way; minor() is in minor units."""

    def __init__(self, currency: str = "EUR", locale: str = DEFAULT_LOCALE,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._currency = currency
        self._locale = locale
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # As wide as a large amount, not the whole form: the figure stays by its label.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0" * 16))
        self._hint()

    def _hint(self) -> None:
        self.setToolTip(amount_example(self._locale)[0])

    @property
    def locale_name(self) -> str:
        return self._locale

    def set_locale(self, locale: str) -> None:
        """Read and show amounts as *locale* writes them (what was typed is kept as typed,
        unless it is a valid amount, which is shown again in the new locale's way)."""
        if locale == self._locale:
            return
        try:
            value = self.minor()
        except CollectorError:
            value = None
        self._locale = locale
        self._hint()
        if value is not None:
            self.set_minor(value)

    def set_currency(self, currency: str) -> None:
        self._currency = currency

    def minor(self) -> int | None:
        """The amount in minor units (0 allowed), None when empty; FieldError when wrong."""
        if not self.text().strip():
            return None
        return parse_local_amount(self.text(), self._currency, self._locale, allow_zero=True)

    def set_minor(self, minor: int | None) -> None:
        self.setText("" if minor is None else
                     format_local_minor(minor, self._currency, self._locale))


class _CalendarPopup(QFrame):
    """The month grid under a date field; a click or Enter picks the day."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("calendar")
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self.picked)
        self.calendar.activated.connect(self.picked)


class DateEdit(QWidget):
    """A date typed as text in the user's locale, with a calendar popup.

    Offers QDateEdit's calls the dialogs use (date() -> QDate, setDate, dateChanged), so
    date() is the last valid date while the text is wrong; error() says what is wrong."""

    dateChanged = Signal(QDate)
    edited = Signal()  # any change of the text, valid or not

    def __init__(self, value: dt.date | QDate, locale: str = DEFAULT_LOCALE,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._date = value.toPython() if isinstance(value, QDate) else value
        self.edit = QLineEdit(self)
        self.edit.setObjectName("dateText")
        self.button = QToolButton(self)
        self.button.setObjectName("calendarButton")
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("30 sept. 2026") + 16)
        # Maximum: no grow flag, so a form does not stretch a date across the dialog.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        self._popup: _CalendarPopup | None = None
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.installEventFilter(self)
        self._show(self._date)
        self._hint()

    # -- QDateEdit's calls ---------------------------------------------------------------------

    def date(self) -> QDate:
        return _qdate(self._date)

    def setDate(self, value: dt.date | QDate) -> None:
        self._show(value.toPython() if isinstance(value, QDate) else value)

    def value(self) -> dt.date | None:
        """The date typed, None while the text is not a date."""
        return None if self.error() else self._date

    def text(self) -> str:
        return self.edit.text()

    def error(self) -> str | None:
        try:
            parse_local_date(self.edit.text(), self._locale)
        except FieldError as exc:
            return str(exc)
        return None

    def set_locale(self, locale: str) -> None:
        if locale != self._locale:
            valid = self.error() is None
            self._locale = locale
            self._hint()
            if valid:
                self._show(self._date)

    # -- inside ----------------------------------------------------------------------------------

    def _hint(self) -> None:
        self.edit.setPlaceholderText(format_date(self._date, "short", locale=self._locale))
        self.button.setToolTip(tr("Calendar (Alt+Down)"))

    def _show(self, value: dt.date) -> None:
        self.edit.setText(format_date(value, "medium", locale=self._locale))
        self._set(value)

    def _set(self, value: dt.date) -> None:
        if value != self._date:
            self._date = value
            self.dateChanged.emit(_qdate(value))

    def _typed(self, text: str) -> None:
        try:
            value = parse_local_date(text, self._locale)
        except FieldError:
            value = None
        if value is not None:
            self._set(value)
        self.edited.emit()

    def _tidy(self) -> None:
        """Once typed, the date is shown as the tables show it: the user sees what was read."""
        if self.error() is None:
            self._show(self._date)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
                self.show_calendar()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.error() is None:
                step = 1 if key == Qt.Key.Key_Up else -1
                self._show(self._date + dt.timedelta(days=step))
                return True
        return super().eventFilter(watched, event)

    def show_calendar(self) -> None:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        calendar = self._popup.calendar
        calendar.setLocale(QLocale(self._locale))
        calendar.setSelectedDate(self.date())
        self._popup.adjustSize()
        self._popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        self._popup.show()
        calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        if self._popup is not None:
            self._popup.hide()
        self._show(value.toPython())
        self.edit.setFocus()


def plain_amount(text: str, locale: str, digits: int = 3) -> str:
    """A setting's amount typed in *locale*'s way, as the plain form `collector config set`
    reads ("1.000" in Spanish is "1000"), when the two readings differ; else *text* as typed
    (so a wrong value reaches the setting's own check, and its message, unchanged)."""
    try:
        local = Decimal(parse_local_minor(text, "KWD" if digits == 3 else "EUR", locale))
    except MoneyError:
        return text
    value = local.scaleb(-digits)
    try:
        if Decimal(text.strip().replace(",", ".")) == value:
            return text
    except InvalidOperation:
        pass
    return format(value.normalize(), "f")

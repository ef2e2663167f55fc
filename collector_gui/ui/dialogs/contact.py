"""Log a call, a letter, a note or a promise to pay (amount and the date promised)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from collector_gui.core import clock
from collector_gui.actions import entry, records
from collector_gui.core.model import ContactEvent, EventKind
from collector_gui.core.errors import CollectorError
from collector_gui.ledger import browse
from collector_gui.ui import display_names, undo
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.common import (
    RecordDialog,
    amount_edit,
    client_picker,
    date_edit,
    from_qdate,
    tr,
)

KINDS = (EventKind.CALL, EventKind.LETTER, EventKind.NOTE, EventKind.PROMISE)


def when_format(locale: str) -> str:
    """The locale's short date with a four-digit year, and the time ("d/M/yyyy HH:mm" in
    es): the date of a call as the user writes dates, never a two-digit year."""
    pattern = QLocale(locale).dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern + " HH:mm"


class ContactDialog(RecordDialog):
    GEOMETRY_KEY = "contact"

    def __init__(self, ctx: AppContext, kind: EventKind = EventKind.CALL, *,
                 client_id: int | None = None, invoice_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Log contact"), parent)
        self.setObjectName("contactDialog")
        if invoice_id is not None and client_id is None:
            client_id = ctx.store.get_invoice(invoice_id).client_id
        self._clients, self.client = client_picker(ctx)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in KINDS:
            self.kind.addItem(display_names.kind_label(k), str(k))
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(kind))))
        now = dt.datetime.combine(ctx.today(), clock.now().time())
        self.at = QDateTimeEdit(QDateTime(now))
        self.at.setObjectName("at")
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat(when_format(ctx.fmt.locale))
        self.invoices = QListWidget()
        self.invoices.setObjectName("invoices")
        self.invoices.setMaximumHeight(self.fontMetrics().height() * 6)
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setPlaceholderText(tr("what it was about"))
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body.setTabChangesFocus(True)
        self.body.setFixedHeight(self.fontMetrics().height() * 5)
        self.promised_amount = amount_edit(ctx)
        self.promised_amount.setObjectName("promisedAmount")
        self.promised_amount.setPlaceholderText(tr("the whole balance"))
        self.promised_date = date_edit(ctx.today() + dt.timedelta(days=7))
        self.promised_date.setObjectName("promisedDate")
        f = self.form
        f.addRow(tr("&Client"), self.client)
        f.addRow(tr("&Kind"), self.kind)
        f.addRow(tr("&When"), self.at)
        f.addRow(tr("&Invoices concerned"), self.invoices)
        f.addRow(tr("&Subject"), self.subject)
        f.addRow(tr("&Notes"), self.body)
        f.addRow(tr("&Promised amount"), self.promised_amount)
        f.addRow(tr("Promised &date"), self.promised_date)
        self._preselect = invoice_id
        if client_id is not None:
            name = next((n for n, i in self._clients.items() if i == client_id), "")
            self.client.setCurrentText(name)
        self._client_changed()
        self._kind_changed()
        if client_id is None:
            self.first_field = self.client
        elif kind == EventKind.PROMISE:
            self.first_field = self.promised_amount
        else:
            self.first_field = self.subject
        self.client.currentTextChanged.connect(self._client_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.promised_amount.textChanged.connect(self.revalidate)
        self.promised_date.dateChanged.connect(self.revalidate)
        self.invoices.itemChanged.connect(lambda _i: self.revalidate())
        self.finish_layout()

    def client_id(self) -> int | None:
        return self._clients.get(self.client.currentText().strip())

    def kind_value(self) -> EventKind:
        return EventKind(self.kind.currentData())

    def _client_changed(self, *_args) -> None:
        self.invoices.clear()
        cid = self.client_id()
        if cid is not None:
            fmt = self.ctx.fmt
            for inv_id, number, _client, balance, currency in browse.open_invoice_choices(
                    self.ctx.ledger, cid, limit=200):
                item = QListWidgetItem(tr("{number} — {balance} owed").format(
                    number=number, balance=fmt.money(balance, currency)))
                item.setData(Qt.ItemDataRole.UserRole, inv_id)
                item.setData(Qt.ItemDataRole.UserRole + 1, currency)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if inv_id == self._preselect
                                   else Qt.CheckState.Unchecked)
                self.invoices.addItem(item)
        self.revalidate()

    def _kind_changed(self, *_args) -> None:
        promise = self.kind_value() == EventKind.PROMISE
        for widget in (self.promised_amount, self.promised_date):
            widget.setEnabled(promise)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setEnabled(promise)
        self.revalidate()

    def checked_invoices(self) -> list[tuple[int, str]]:
        out = []
        for i in range(self.invoices.count()):
            item = self.invoices.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append((item.data(Qt.ItemDataRole.UserRole),
                            item.data(Qt.ItemDataRole.UserRole + 1)))
        return out

    def _promise_currency(self) -> str:
        checked = self.checked_invoices()
        if checked:
            return checked[0][1]
        return self.ctx.store.get_client(self.client_id()).currency

    def _promised_minor(self) -> int | None:
        self.promised_amount.set_currency(self._promise_currency())
        return self.promised_amount.minor()

    def errors(self) -> list[str]:
        out = []
        if self.client_id() is None:
            return [tr("Choose the client.")]
        if self.kind_value() == EventKind.PROMISE:
            try:
                amount = self._promised_minor()
            except CollectorError as exc:
                out.append(tr("The promised amount (empty for the whole balance): {reason}.")
                           .format(reason=exc))
            else:
                if amount is not None and amount <= 0:
                    out.append(tr("The promised amount must be more than zero."))
            if from_qdate(self.promised_date.date()) < self.ctx.today():
                out.append(tr("The promised date is in the past."))
            currencies = {c for _, c in self.checked_invoices()}
            if len(currencies) > 1:
                out.append(tr("A promise covers invoices of one currency; pick those of one."))
        return out

    def build(self) -> ContactEvent:
        promise = self.kind_value() == EventKind.PROMISE
        at = self.at.dateTime().toPython().replace(microsecond=0)
        return entry.contact_event(
            self.client_id(), self.kind_value(), at,
            subject=self.subject.text(), body=self.body.toPlainText(),
            invoice_ids=tuple(i for i, _ in self.checked_invoices()),
            promised_date=from_qdate(self.promised_date.date()) if promise else None,
            promised_minor=self._promised_minor() if promise else None,
        )

    def op(self):
        event = self.build()
        return lambda store: records.add_event(store, event)

    def saved(self, value: ContactEvent) -> None:
        undo.log_event(self.ctx, value, tr("Log {kind}").format(
            kind=display_names.kind_label(value.kind).lower()))

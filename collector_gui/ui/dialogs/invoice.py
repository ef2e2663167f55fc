"""New invoice / edit invoice: lines with quantity, unit price and tax; the number proposed
from the pattern; the due date from the client's payment terms; the credit-limit warning."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from collector_gui.actions import entry, records
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Invoice, InvoiceLine
from collector_gui.core.fields import parse_local_amount
from collector_gui.core.money import (
    format_local_decimal,
    format_local_minor,
    is_currency,
    parse_local_decimal,
)
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.client import currency_combo
from collector_gui.ui.dialogs.invoice_terms import InvoiceTerms
from collector_gui.ui.dialogs.common import client_picker, RecordDialog, date_edit, from_qdate, to_qdate, tr


class LinesModel(QAbstractTableModel):
    """The invoice's lines as the user typed them (text), checked when the form validates."""

    COLUMNS = 5  # description, quantity, unit price, tax %, net

    def __init__(self, dialog: InvoiceDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self.rows: list[list[str]] = []

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [tr("Description"), tr("Quantity"), tr("Unit price"), tr("Tax %"),
                    tr("Net")][section]
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() < 4 else base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() < 4:
                return row[index.column()]
            line = self._dialog.parse_line(row)
            return "" if isinstance(line, str) else self._dialog.ctx.fmt.money(
                line.net_minor, self._dialog.currency())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() >= 4:
            return False
        self.rows[index.row()][index.column()] = str(value)
        self.dataChanged.emit(index, self.index(index.row(), 4), [Qt.ItemDataRole.DisplayRole])
        self._dialog.revalidate()
        return True

    def add(self, values: list[str]) -> None:
        n = len(self.rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self.rows.append(list(values))
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def refresh_net(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self.rows) - 1, 4),
                                  [Qt.ItemDataRole.DisplayRole])


class InvoiceDialog(RecordDialog):
    GEOMETRY_KEY = "invoice"

    def __init__(self, ctx: AppContext, invoice: Invoice | None = None, *,
                 client_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Edit invoice") if invoice else tr("New invoice"), parent)
        self.setObjectName("invoiceDialog")
        self.invoice = invoice
        today = ctx.today()
        self._clients, self.client = client_picker(ctx)
        self.number = QLineEdit()
        self.number.setObjectName("number")
        self.issue = date_edit(invoice.issue_date if invoice else today)
        self.issue.setObjectName("issueDate")
        self.due = date_edit(invoice.due_date if invoice else today)
        self.due.setObjectName("dueDate")
        self.currency_box = currency_combo(invoice.currency if invoice else "EUR")
        self.currency_box.setObjectName("currency")
        self.description = QLineEdit(invoice.description if invoice else "")
        self.description.setObjectName("description")
        self.draft = QCheckBox(tr("Draft (not sent yet: not owed, no reminders)"))
        self.draft.setObjectName("draft")
        self.lines = LinesModel(self)
        self.table = QTableView()
        self.table.setObjectName("lines")
        self.table.setModel(self.lines)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(self.fontMetrics().height() * 7)
        # The entry row: type a line, Enter (or Add line) puts it in the table.
        self.line_desc = QLineEdit()
        self.line_desc.setObjectName("lineDescription")
        self.line_desc.setPlaceholderText(tr("Description"))
        self.line_qty = QLineEdit("1")
        self.line_qty.setObjectName("lineQuantity")
        self.line_price = QLineEdit()
        self.line_price.setObjectName("linePrice")
        self.line_price.setPlaceholderText(tr("Unit price"))
        self.terms = InvoiceTerms(ctx, invoice)  # IRPF, discount; new lines' VAT rate
        self.line_tax = QLineEdit(self.terms.default_vat)
        self.line_tax.setObjectName("lineTax")
        for edit, width in ((self.line_qty, 6), (self.line_price, 11), (self.line_tax, 5)):
            edit.setFixedWidth(self.fontMetrics().horizontalAdvance("0") * width + 16)
        self.add_line = QPushButton(tr("&Add line"))
        self.add_line.setObjectName("addLine")
        self.add_line.setAutoDefault(False)
        self.remove_line = QPushButton(tr("Remove line"))
        self.remove_line.setAutoDefault(False)
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.line_desc, 1)
        entry_row.addWidget(QLabel(tr("Qty")))
        entry_row.addWidget(self.line_qty)
        entry_row.addWidget(QLabel(tr("Price")))
        entry_row.addWidget(self.line_price)
        entry_row.addWidget(QLabel(tr("Tax %")))
        entry_row.addWidget(self.line_tax)
        entry_row.addWidget(self.add_line)
        entry_row.addWidget(self.remove_line)
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight)
        f = self.form
        f.addRow(tr("&Client"), self.client)
        f.addRow(tr("N&umber"), self.number)
        f.addRow(tr("&Issued"), self.issue)
        f.addRow(tr("D&ue"), self.due)
        f.addRow(tr("C&urrency"), self.currency_box)
        f.addRow(tr("&Description"), self.description)
        f.addRow(tr("I&RPF withheld %"), self.terms.irpf)
        f.addRow(tr("Early-payment discount"), self.terms.row)
        self.main_layout.addWidget(self.table)
        self.main_layout.addLayout(entry_row)
        self.main_layout.addWidget(self.totals)
        self.main_layout.addWidget(self.draft)

        self._number_edited = invoice is not None
        self._due_edited = invoice is not None
        self._setting = False
        if invoice is not None:
            self.number.setText(invoice.number)
            name = next((n for n, i in self._clients.items() if i == invoice.client_id), "")
            self.client.setCurrentText(name)
            self.draft.setChecked(invoice.draft)
            for line in invoice.lines:
                self.lines.add([line.description,
                                format_local_decimal(line.quantity, ctx.fmt.locale),
                                format_local_minor(line.unit_price_minor, invoice.currency,
                                                   ctx.fmt.locale),
                                format_local_decimal(line.tax_rate, ctx.fmt.locale)])
        else:
            self.draft.setChecked(False)
            if client_id is not None:
                name = next((n for n, i in self._clients.items() if i == client_id), "")
                self.client.setCurrentText(name)
            self._propose_number()
            self._client_changed()
            self.first_field = self.client if client_id is None else self.line_desc

        self.client.currentTextChanged.connect(self._client_changed)
        self.number.textEdited.connect(self._number_typed)
        self.issue.dateChanged.connect(self._issue_changed)
        self.due.dateChanged.connect(self._due_changed)
        self.currency_box.currentTextChanged.connect(self._currency_changed)
        for edit in (self.line_desc, self.line_qty, self.line_price, self.line_tax):
            edit.textChanged.connect(self.revalidate)
            edit.returnPressed.connect(self._line_return)
        self.number.textChanged.connect(self.revalidate)
        self.draft.toggled.connect(self.revalidate)
        self.terms.connect(self.revalidate)
        self.add_line.clicked.connect(self.add_pending_line)
        self.remove_line.clicked.connect(
            lambda: self.lines.remove(self.table.currentIndex().row()) or self.revalidate())
        self.finish_layout()

    # -- defaults that follow what the user picks -------------------------------------------

    def client_id(self) -> int | None:
        return self._clients.get(self.client.currentText().strip())

    def currency(self) -> str:
        return self.currency_box.currentText().strip().upper()

    def _client_changed(self, *_args) -> None:
        cid = self.client_id()
        if cid is not None:
            client = self.ctx.store.get_client(cid)
            if self.invoice is None:
                self.currency_box.setCurrentText(client.currency)
            self._propose_due()
        self.revalidate()

    def _number_typed(self, _text: str) -> None:
        self._number_edited = True

    def _propose_number(self) -> None:
        try:
            number = entry.next_invoice_number(self.ctx.ledger, from_qdate(self.issue.date()))
        except CollectorError:
            return  # a bad pattern: the user types the number; settings say what is wrong
        self.number.setText(number)

    def _issue_changed(self, *_args) -> None:
        if not self._number_edited:
            self._propose_number()
        self._propose_due()
        self.revalidate()

    def _propose_due(self) -> None:
        cid = self.client_id()
        if self._due_edited or cid is None:
            return
        due = entry.due_date_for(self.ctx.store.get_client(cid), from_qdate(self.issue.date()))
        self._setting = True
        self.due.setDate(to_qdate(due))
        self._setting = False

    def _due_changed(self, *_args) -> None:
        if not self._setting:
            self._due_edited = True
        self.revalidate()

    def _currency_changed(self, *_args) -> None:
        self.lines.refresh_net()
        self.revalidate()

    def keyPressEvent(self, event) -> None:
        # Enter in the line entry row adds the line (returnPressed); it must not also press
        # the dialog's default button and save a half-typed invoice.
        entry_row = (self.line_desc, self.line_qty, self.line_price, self.line_tax)
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.focusWidget() in entry_row):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- lines -------------------------------------------------------------------------------

    def parse_line(self, row: list[str]) -> InvoiceLine | str:
        """The line, or what is wrong with it."""
        desc, qty, price, tax = (v.strip() for v in row)
        if not desc:
            return tr("a line has no description")
        try:
            quantity = parse_local_decimal(qty, self.ctx.fmt.locale)  # "1,5", "1.000" in es
        except ValueError:
            return tr("the quantity of “{line}” is not a number").format(line=desc)
        if quantity <= 0:
            return tr("the quantity of “{line}” must be more than zero").format(line=desc)
        currency = self.currency()
        if not is_currency(currency):
            return tr("choose a currency first")
        try:
            unit = parse_local_amount(price, currency, self.ctx.fmt.locale, allow_zero=True)
        except CollectorError as exc:
            return tr("the unit price of “{line}”: {reason}").format(line=desc, reason=exc)
        try:
            rate = entry.parse_decimal(tax or "0")
        except ValueError:
            return tr("the tax rate of “{line}” is not a number").format(line=desc)
        if not Decimal(0) <= rate <= Decimal(100):
            return tr("the tax rate of “{line}” must be between 0 and 100").format(line=desc)
        return InvoiceLine(desc, quantity, unit, rate)

    def _pending(self) -> list[str]:
        return [self.line_desc.text(), self.line_qty.text(), self.line_price.text(),
                self.line_tax.text()]

    def _pending_filled(self) -> bool:
        return bool(self.line_desc.text().strip() or self.line_price.text().strip())

    def _line_return(self) -> None:
        """Enter in the line entry row: a typed line goes into the table (and the cursor back
        to a new one); on an empty row, Enter saves the invoice when the form is valid."""
        if self._pending_filled():
            self.add_pending_line()
        else:
            self.accept()

    def add_pending_line(self) -> None:
        if not self._pending_filled():
            return
        if isinstance(self.parse_line(self._pending()), str):
            self.revalidate()
            return
        self.lines.add(self._pending())
        self.line_desc.clear()
        self.line_price.clear()
        self.line_qty.setText("1")
        self.line_desc.setFocus()
        self.revalidate()

    def parsed_lines(self) -> tuple[list[InvoiceLine], list[str]]:
        rows = list(self.lines.rows)
        if self._pending_filled():
            rows.append(self._pending())
        lines, problems = [], []
        for row in rows:
            parsed = self.parse_line(row)
            (problems if isinstance(parsed, str) else lines).append(parsed)
        return lines, problems

    # -- validation and saving ----------------------------------------------------------------

    def errors(self) -> list[str]:
        out = []
        if self.client_id() is None:
            out.append(tr("Choose a client (or add one first with New client)."))
        number = self.number.text().strip()
        if not number:
            out.append(tr("Enter the invoice number."))
        else:
            found = self.ctx.store.find_invoice(number)
            if found is not None and (self.invoice is None or found.id != self.invoice.id):
                out.append(tr("Invoice {number} exists already.").format(number=found.number))
        if self.due.date() < self.issue.date():
            out.append(tr("The due date is before the issue date."))
        if not is_currency(self.currency()):
            out.append(tr("Choose a currency code such as EUR, USD or GBP."))
        lines, problems = self.parsed_lines()
        out += [p[:1].upper() + p[1:] + "." for p in problems]
        out += self.terms.errors()
        if not lines and not problems:
            out.append(tr("Add at least one line (description, quantity, unit price)."))
        if self.invoice is not None and lines:
            total = self.terms.payable(lines).total_minor
            if total < self.invoice.paid_minor:
                out.append(tr("The total is less than what was already paid."))
        self._show_totals(lines)
        return out

    def _show_totals(self, lines: list[InvoiceLine]) -> None:
        currency = self.currency()
        if not lines or not is_currency(currency):
            self.totals.setText("")
            return
        fmt = self.ctx.fmt
        totals = self.terms.payable(lines)
        parts = [tr("Net {amount}").format(amount=fmt.money(totals.net_minor, currency))]
        for rate, _net, tax in totals.tax_by_rate:
            if rate:
                parts.append(tr("Tax {rate}% {amount}").format(
                    rate=fmt.number(float(rate), 2 if rate % 1 else 0),
                    amount=fmt.money(tax, currency)))
        if totals.irpf_minor:
            parts.append(tr("IRPF {rate}% −{amount}").format(
                rate=fmt.number(float(totals.irpf_rate), 2 if totals.irpf_rate % 1 else 0),
                amount=fmt.money(totals.irpf_minor, currency)))
        parts.append(tr("Total {amount}").format(amount=fmt.money(totals.total_minor, currency)))
        self.totals.setText("   ".join(parts))

    def warnings(self) -> list[str]:
        self.over_limit = ""
        cid = self.client_id()
        lines, problems = self.parsed_lines()
        if cid is None or not lines or problems or self.draft.isChecked():
            return []
        client = self.ctx.store.get_client(cid)
        out = []
        if client.on_hold:
            out.append(tr("{name} is on hold.").format(name=client.name))
        replacing = self.invoice.balance_minor if self.invoice and self.invoice.is_open() else 0
        check = entry.credit_check(self.ctx.ledger, client, self.currency(),
                                   self.terms.payable(lines).total_minor,
                                   replacing_minor=replacing)
        if check is not None and check.exceeded:
            fmt = self.ctx.fmt
            out.append(tr("This invoice takes {name} over their credit limit of {limit} by "
                          "{excess} (they owe {owed} already).").format(
                name=client.name, limit=fmt.money(check.limit_minor, client.currency),
                excess=fmt.money(check.excess_minor, client.currency),
                owed=fmt.money(check.owed_minor, client.currency)))
            self.over_limit = out[-1]
        return out

    over_limit = ""  # the credit-limit warning, when saving would go past the limit

    def accept(self) -> None:
        """Past the client's credit limit: ask before saving (the warning, in a question)."""
        if self.saving is None and not self.revalidate() and self.over_limit:
            notify.ask_user(self, self.over_limit, super().accept, yes_label=tr("Save anyway"),
                            detail=tr("Save this invoice even so?"))
            return
        super().accept()

    def op(self):
        lines, _ = self.parsed_lines()
        values = dict(
            number=self.number.text().strip(), client_id=self.client_id(),
            issue_date=from_qdate(self.issue.date()), due_date=from_qdate(self.due.date()),
            currency=self.currency(), total_minor=self.terms.payable(lines).total_minor,
            description=self.description.text().strip(), draft=self.draft.isChecked(),
            lines=tuple(lines), **self.terms.values(),
        )
        invoice = Invoice(**values) if self.invoice is None else replace(self.invoice, **values)
        return lambda store: records.save_invoice(store, invoice)

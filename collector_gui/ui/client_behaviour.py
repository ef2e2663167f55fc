"""The client page's payment behaviour: the list's two columns, the card, the action bar.

The figures come from actions/behaviour.py (the rules in core/behaviour.py), so the window
and the command line judge a client alike. The list's columns are read in the list's own
SQL (ledger/behaviour.client_pager), so they sort by their raw value like the others.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from collector_gui.actions import behaviour as act
from collector_gui.core.behaviour import Behaviour
from collector_gui.core.model import Client
from collector_gui.ledger import behaviour as queries
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.models import ClientsModel
from collector_gui.ui.undo import LedgerCommand
from collector_gui.ui.window_language import tr


class BehaviourClientsModel(ClientsModel):
    """The client list with average days late and the share paid late."""

    class Col(IntEnum):
        NAME = 0
        EMAIL = 1
        BALANCE = 2
        OVERDUE = 3
        OLDEST = 4
        LAST_CONTACT = 5
        ON_HOLD = 6
        AVG_LATE = 7
        SHARE_LATE = 8

    SORTS = {**ClientsModel.SORTS, Col.AVG_LATE: ("avg_late", True),
             Col.SHARE_LATE: ("share_late", True)}
    MONEY = ClientsModel.MONEY | {Col.AVG_LATE, Col.SHARE_LATE}
    WIDTHS = (*ClientsModel.WIDTHS, 8, 7)

    def make_pager(self, ledger, today, sort):
        return queries.client_pager(ledger, self.filter, sort, today)

    def headers(self):
        return [*super().headers(), tr("Avg days late"), tr("% late")]

    def display(self, row, col):
        if col == self.Col.AVG_LATE:
            return "" if row.avg_days_late is None else self._ctx.fmt.number(row.avg_days_late)
        if col == self.Col.SHARE_LATE:
            return "" if row.share_late is None else self._ctx.fmt.percent(row.share_late)
        return super().display(row, col)

    def raw(self, row, col):
        if col == self.Col.AVG_LATE:
            return -1.0 if row.avg_days_late is None else row.avg_days_late
        if col == self.Col.SHARE_LATE:
            return -1.0 if row.share_late is None else row.share_late
        return super().raw(row, col)

    def tooltip(self, row, col):
        if col in (self.Col.AVG_LATE, self.Col.SHARE_LATE) and row.avg_days_late is None:
            return tr("No invoice paid in full yet")
        return super().tooltip(row, col)


class BehaviourCard(QFrame):
    """How the client pays: days late, share late, promises, the suggested credit limit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("behaviourCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.ctx = ctx
        self.client: Client | None = None
        self.behaviour: Behaviour | None = None
        self.figures = QLabel()
        self.figures.setObjectName("behaviourFigures")
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.limit = QLabel()
        self.limit.setObjectName("suggestedLimit")
        self.limit.setWordWrap(True)
        self.use_limit = QPushButton(tr("Use suggested limit"))
        self.use_limit.setObjectName("useSuggestedLimit")
        self.use_limit.setToolTip(tr("Set the client's credit limit to the suggested one "
                                     "(Edit ▸ Undo takes it back)"))
        self.use_limit.clicked.connect(self.use_suggested)
        self.task = None  # the newest write (tests wait on it)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.limit, 1)
        bottom.addWidget(self.use_limit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.figures)
        layout.addLayout(bottom)

    def show_client(self, client: Client) -> None:
        self.client = client
        b = self.behaviour = act.client_behaviour(self.ctx.ledger, client.id, self.ctx.today())
        fmt = self.ctx.fmt
        lines = []
        if b.paid:
            lines.append(tr("Pays {days} days late on average; {share} of paid invoices late "
                            "(paid invoices: {count}).").format(
                days=fmt.number(b.average_days_late or 0.0, 1),
                share=fmt.percent(b.share_late or 0.0), count=fmt.number(b.paid)))
        else:
            lines.append(tr("No invoice paid in full yet: nothing to judge how they pay."))
        if len(b.currencies) > 1:
            for code, cb in b.currencies.items():
                if cb.paid.paid:
                    lines.append(tr("In {currency}: {days} days late on average, {share} "
                                    "late.").format(
                        currency=code, days=fmt.number(cb.paid.average_days_late or 0.0, 1),
                        share=fmt.percent(cb.paid.share_late or 0.0)))
        p = b.promises
        if p.kept or p.broken or p.pending:
            lines.append(tr("Promises to pay: kept {kept}, broken {broken}, pending "
                            "{pending}.").format(kept=p.kept, broken=p.broken,
                                                 pending=p.pending))
        self.figures.setText("\n".join(lines))
        suggested = b.suggested_limit(client.currency)
        current = (fmt.money(client.credit_limit_minor, client.currency)
                   if client.credit_limit_minor is not None else tr("no limit"))
        if suggested is None:
            self.limit.setText(tr("Suggested credit limit: not enough history yet (set: "
                                  "{current}).").format(current=current))
        else:
            self.limit.setText(tr("Suggested credit limit: {suggested} (set: {current}).").format(
                suggested=fmt.money(suggested, client.currency), current=current))
        self.use_limit.setEnabled(suggested is not None
                                  and suggested != client.credit_limit_minor)

    def use_suggested(self) -> None:
        """Set the suggested limit through the one write path; Undo puts the old one back."""
        if self.client is None:
            return
        cid, today = self.client.id, self.ctx.today()
        self.use_limit.setEnabled(False)

        def done(value: tuple[int | None, int]) -> None:
            before, after = value
            self.ctx.undo.push(LedgerCommand(
                self.ctx, tr("Use suggested credit limit"),
                lambda: lambda store: act.set_credit_limit(store, cid, after),
                lambda: lambda store: act.set_credit_limit(store, cid, before), done=True))
            notify.show_status(self, tr("Credit limit set to {limit}.").format(
                limit=self.ctx.fmt.money(after, self.client.currency if self.client else "")))

        self.task = self.ctx.write(self, lambda store: act.use_suggested_limit(store, cid, today),
                                   done, label=tr("Use suggested credit limit"))


# What the client page shows as buttons; the rest (and what cannot be undone, last) goes in
# its "More" menu. Known by the actions' object names, whoever adds them. In a window too
# narrow for every button, the last of KEEP_FIRST's order move into the menu first.
PRIMARY = ("newInvoice", "recordPayment", "clientReminder", "logCall", "logLetter",
           "logPromise")
KEEP_FIRST = ("clientReminder", "newInvoice", "recordPayment", "logPromise", "logCall",
              "logLetter")
DESTRUCTIVE = ("deleteClient",)


def _short_labels() -> dict[str, str]:
    """Shorter words for the bar than the menus' (the full text is the tooltip): six buttons
    in a 1024-pixel window in Spanish."""
    return {"logCall": tr("Log call…", "client page button"),
            "logLetter": tr("Log letter…", "client page button"),
            "logPromise": tr("Log promise…", "client page button")}


class ActionButton(QToolButton):
    """A button for an action, with its own (shorter) words; enabled as the action is."""

    def __init__(self, action: QAction, text: str) -> None:
        super().__init__()
        self.action = action
        self.setText(text)
        self.setToolTip(action.text().replace("&", ""))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.clicked.connect(action.trigger)
        action.changed.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        self.setEnabled(self.action.isEnabled())

    def defaultAction(self) -> QAction:  # noqa: N802 (as QToolButton's)
        return self.action


class ActionBar(QWidget):
    """The client page's actions: the everyday ones as buttons, in view; the others in a
    "More" menu, the destructive ones at its end (a tool bar folded the reminder behind
    its arrow while "Delete client" stayed in view)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientActions")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        self.more = QToolButton()
        self.more.setObjectName("moreActions")
        self.more.setText(tr("More"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu = QMenu(self.more)
        self.more.setMenu(self.menu)
        self.buttons: dict[str, QToolButton] = {}
        self._folded: list[QAction] = []  # primary actions that did not fit, atop the menu

    def actionEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().actionEvent(event)
        if event.type() in (QEvent.Type.ActionAdded, QEvent.Type.ActionRemoved):
            self._rebuild()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def minimumSizeHint(self):  # noqa: N802 (Qt's name)
        """As narrow as the first button kept and "More": the rest folds into the menu."""
        hint = super().minimumSizeHint()
        first = next((self.buttons[n] for n in KEEP_FIRST if n in self.buttons), None)
        width = self.more.sizeHint().width() + (first.sizeHint().width() + 4 if first else 0)
        hint.setWidth(width)
        return hint

    def _rebuild(self) -> None:
        while self._row.count():
            item = self._row.takeAt(0)
            if item.widget() is not None and item.widget() is not self.more:
                item.widget().deleteLater()
        self.buttons = {}
        actions = self.actions()
        primary = sorted((a for a in actions if a.objectName() in PRIMARY),
                         key=lambda a: PRIMARY.index(a.objectName()))
        short = _short_labels()
        for action in primary:
            if action.objectName() in short:
                button = ActionButton(action, short[action.objectName()])
            else:
                button = QToolButton()
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setObjectName(f"button_{action.objectName()}")
            self._row.addWidget(button)
            self.buttons[action.objectName()] = button
        self._row.addStretch(1)
        self._row.addWidget(self.more)
        self._fit()

    def _fit(self) -> None:
        """Show the buttons that fit in the bar's width, in KEEP_FIRST's order of need; fold
        the others into the top of the menu."""
        room = self.width() - self.more.sizeHint().width()
        shown: set[str] = set()
        for name in (n for n in KEEP_FIRST if n in self.buttons):
            need = self.buttons[name].sizeHint().width() + self._row.spacing()
            if need <= room or not shown:
                shown.add(name)
                room -= need
            else:
                room = -1  # keep the order: nothing after a folded button shows
        for name, button in self.buttons.items():
            button.setVisible(name in shown)
        folded = [b.defaultAction() for n, b in self.buttons.items() if n not in shown]
        self._fill_menu(folded)

    def _fill_menu(self, folded: list[QAction]) -> None:
        self.menu.clear()
        actions = self.actions()
        others = [a for a in actions if a.objectName() not in PRIMARY
                  and a.objectName() not in DESTRUCTIVE]
        last = [a for a in actions if a.objectName() in DESTRUCTIVE]
        for group in (folded, others, last):
            if group and self.menu.actions():
                self.menu.addSeparator()
            for action in group:
                self.menu.addAction(action)
        self._folded = folded
        self.more.setVisible(bool(self.menu.actions()))

    def menu_actions(self) -> list[QAction]:
        return [a for a in self.menu.actions() if not a.isSeparator()]

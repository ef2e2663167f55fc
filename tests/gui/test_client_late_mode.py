"""The client dialog's "Late charges": shows the client's override and saves the one chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from collector_gui.core.model import Client
from collector_gui.ui.dialogs.client import ClientDialog
from tests.helpers.gui import writable


def test_late_charges_override_is_shown_and_saved(qtbot, ctx):
    client = writable(ctx).add_client(Client("Consumer Ana", late_mode="uk"))
    dialog = ClientDialog(ctx, ctx.store.get_client(client.id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.late_mode.currentData() == "uk"
    assert [dialog.late_mode.itemData(i) for i in range(dialog.late_mode.count())] == [
        "", "off", "es", "eu", "uk", "interest", "fixed", "fixed+interest"]
    dialog.late_mode.setCurrentIndex(dialog.late_mode.findData("off"))
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: ctx.store.get_client(client.id).late_mode == "off")

"""Business and client details are checked as they are typed: the warning shows under the
field in the window's language; a wrong IBAN, BIC or email blocks saving the profile, a
mistyped tax id only warns."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from collector_gui.core import settings as S
from collector_gui.ui import window_language as i18n
from collector_gui.ui.dialogs.client import ClientDialog
from collector_gui.ui.dialogs.settings import FirstRunDialog, SettingsDialog
from tests.helpers.gui import make_ctx


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save_enabled(dialog: SettingsDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_profile_warns_under_each_field_and_a_wrong_iban_blocks_saving(qtbot, ctx):
    dialog = _open(qtbot, SettingsDialog(ctx))
    fields = dialog.fields()
    warnings = dialog.profile.field_warnings
    assert not any(w.isVisible() for w in warnings.values())
    fields[S.BUSINESS_IBAN.key].setText("ES91 2100 0418 4502 0005 1333")
    iban = warnings[S.BUSINESS_IBAN.key]
    assert iban.isVisible() and "check digits" in iban.text()
    assert not _save_enabled(dialog)
    fields[S.BUSINESS_IBAN.key].setText("ES91 2100 0418 4502 0005 1332")
    assert not iban.isVisible() and _save_enabled(dialog)
    qtbot.keyClicks(fields[S.BUSINESS_EMAIL.key], "marta@")
    email = warnings[S.BUSINESS_EMAIL.key]
    assert email.isVisible() and "missing before or after the @" in email.text()
    assert not _save_enabled(dialog)
    qtbot.keyClicks(fields[S.BUSINESS_EMAIL.key], "example.es")
    assert not email.isVisible() and _save_enabled(dialog)
    fields[S.BUSINESS_BIC.key].setText("CAIXESB")
    assert warnings[S.BUSINESS_BIC.key].isVisible() and not _save_enabled(dialog)
    fields[S.BUSINESS_BIC.key].setText("CAIXESBBXXX")
    fields[S.BUSINESS_TAX_ID.key].setText("12345678A")
    tax = warnings[S.BUSINESS_TAX_ID.key]
    assert tax.isVisible() and "NIF" in tax.text()
    assert _save_enabled(dialog)  # a tax id only warns


def test_first_run_profile_cannot_save_a_wrong_iban(qtbot):
    dialog = _open(qtbot, FirstRunDialog())
    dialog.empty_button.click()
    dialog.profile.fields()[S.BUSINESS_NAME.key].setText("Marta")
    dialog.profile.fields()[S.BUSINESS_IBAN.key].setText("ES9121000418450200051333")
    assert dialog.profile.field_warnings[S.BUSINESS_IBAN.key].isVisible()
    assert not dialog.save_button.isEnabled()
    dialog.profile.fields()[S.BUSINESS_IBAN.key].setText("ES9121000418450200051332")
    assert dialog.save_button.isEnabled()


def test_client_dialog_warns_as_typed(qtbot, ctx):
    dialog = _open(qtbot, ClientDialog(ctx))
    qtbot.keyClicks(dialog.name, "Gutierrez SL")
    email, tax, billing = dialog.field_warnings
    qtbot.keyClicks(dialog.email, "marta@")
    assert email.isVisible() and not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.email, "example.es")
    assert not email.isVisible() and dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.tax_id, "B12345675")
    assert tax.isVisible() and "CIF" in tax.text()
    assert dialog.save_button.isEnabled()
    dialog.tax_id.setText("ESB12345674")
    assert not tax.isVisible()
    qtbot.keyClicks(dialog.billing_email, "pagos@")
    assert billing.isVisible() and not dialog.save_button.isEnabled()


@pytest.mark.parametrize("language, words", [
    ("en", "This IBAN fails its check digits"),
    ("es", "Este IBAN no cuadra con sus dígitos de control"),
])
def test_warnings_in_the_windows_language(qtbot, ctx, language, words):
    assert i18n.install_translators(language) or language == "en"
    try:
        context = make_ctx(ctx.ledger, ctx.settings, "es_ES" if language == "es" else "en_US",
                           language)
        try:
            dialog = _open(qtbot, SettingsDialog(context))
            dialog.fields()[S.BUSINESS_IBAN.key].setText("ES9121000418450200051333")
            assert words in dialog.profile.field_warnings[S.BUSINESS_IBAN.key].text()
            dialog.close()
        finally:
            context.close()
            context.ledger.close()
    finally:
        i18n.install_translators("en")

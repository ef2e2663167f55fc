"""Every late-charge mode a business (or one client) can choose is explained on the statement
and the dossier the client or an agency reads: the law's modes (es, eu with the half-year
table, uk) once crashed both documents with a KeyError."""

from __future__ import annotations

import datetime as dt

import pytest
from docs_helpers import add_invoice, pdf_pages, set_business

from collector_gui.actions.documents import dossier_pdf, statement_pdf
from collector_gui.core.latefees import MODES
from collector_gui.core.model import Client

AS_OF = dt.date(2026, 3, 20)  # 2026-H1 has official rates in the shipped table
WORDS = {"off": "No late fees", "fixed": "fixed fee", "interest": "Simple interest",
         "fixed+interest": "fixed fee", "es": "Law 3/2004", "eu": "ECB rate of each half-year",
         "uk": "Late Payment of Commercial Debts"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("render", [statement_pdf, dossier_pdf], ids=["statement", "dossier"])
def test_each_mode_is_explained(docs_store, tmp_path, mode, render):
    set_business(docs_store, **{"late.mode": mode, "late.fixed": "15", "late.annual_rate": "9"})
    client = docs_store.add_client(Client("Acme", currency="EUR"))
    add_invoice(docs_store, client, "L-1", dt.date(2025, 11, 1), total=250_000)
    text = " ".join(pdf_pages(render(docs_store, "Acme", tmp_path / "out.pdf", as_of=AS_OF)))
    assert "L-1" in text
    if mode == "off" and render is statement_pdf:  # nothing charged: the statement says nothing
        assert WORDS["off"].replace(" ", "") not in text.replace(" ", "")
        return
    assert WORDS[mode].replace(" ", "") in text.replace(" ", ""), text[-800:]

"""SWIFT MT940 customer statements, read with `mt-940` (module mt940).

The file is cut into its statements (each opens with :20:) and each is parsed on its own, so
an error can name its line, and the balances can be checked: opening (:60F:) plus the entries
(:61:) must give the closing balance (:62F:), or the file is damaged or cut short.
"""

from __future__ import annotations

import logging
import re

from collector_gui.bank.model import Statement, StatementError, StatementLine, clean_iban, \
    iban_in_text, to_minor
from collector_gui.core.i18n import _

# The library logs its parse failures at ERROR; the message raised here says it for people.
logging.getLogger("mt940").addHandler(logging.NullHandler())

_TAG = re.compile(r"^:(\d\d[A-Z]?):")


def looks_like(data: bytes) -> bool:
    head = data[:4000]
    return (b":20:" in head or b"{1:" in head) and b":25:" in head and b":6" in head


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read(data: bytes) -> list[Statement]:
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # Cut at every :20: (a SWIFT envelope's {1:…}{4: and -} lines around it are left out).
    starts = [i for i, line in enumerate(lines) if line.startswith(":20:")]
    if not starts:
        raise StatementError(_("line 1: an MT940 statement starts with :20:. Nothing was "
                               "recorded."))
    statements = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        statements.append(_statement(lines, start, end))
    return statements


def _statement(lines: list[str], start: int, end: int) -> Statement:
    body = []
    tag_lines: dict[str, list[int]] = {}
    for i in range(start, end):
        line = lines[i]
        if line.strip() in ("-}", "-", "}") or line.startswith("{5:"):
            continue
        match = _TAG.match(line)
        if match:
            tag_lines.setdefault(match.group(1), []).append(i)
        body.append(line)
    for required, name in (("25", ":25:"), ("62F", ":62F:")):
        if required not in tag_lines and not (required == "62F" and "62M" in tag_lines):
            raise StatementError(_("line {n}: the statement that starts here has no {tag}: "
                                   "the file may be cut short. Nothing was recorded.").format(
                n=start + 1, tag=name))
    import mt940  # here: telling the format must not import the library

    parsed = mt940.models.Transactions()
    try:
        parsed.parse("\n".join(body))
    except (RuntimeError, ValueError, KeyError) as exc:
        value = exc.args[2] if isinstance(exc, RuntimeError) and len(exc.args) > 2 else ""
        where = _where_value(lines, start, end, str(value))
        raise StatementError(_("{where}: this MT940 field cannot be read ({value}). Nothing "
                               "was recorded.").format(where=where, value=repr(str(value)[:80])
                                                       )) from None
    entries = tag_lines.get("61", [])
    if len(parsed.transactions) != len(entries):
        raise StatementError(_("line {n}: the statement has {expected} entries (:61:) but "
                               "{found} could be read. Nothing was recorded.").format(
            n=start + 1, expected=len(entries), found=len(parsed.transactions)))
    account_raw = str(parsed.data.get("account_identification", "")).strip()
    statement = Statement("mt940", clean_iban(account_raw) or account_raw)
    total = 0
    currency = ""
    for tx, line_no in zip(parsed.transactions, entries):
        where = _("line {n}").format(n=line_no + 1)
        data = tx.data
        currency = data.get("currency") or currency
        amount = to_minor(data["amount"].amount, currency, where)
        total += amount
        booked = data.get("entry_date") or data.get("date")
        details = ""
        for piece in str(data.get("transaction_details") or "").split("\n"):
            # a full line (65 characters) goes on in the next one: "…yo" + "ur"
            details += piece if len(piece) >= 65 else piece + " "
        refs = [str(data.get(k) or "").strip() for k in ("bank_reference", "customer_reference")]
        reference = "/".join(r for r in refs if r and r.upper() != "NONREF")
        statement.lines.append(StatementLine(
            booking_date=booked, value_date=data.get("date"), amount_minor=amount,
            currency=currency, text=" ".join(details.split()), reference=reference,
            payer_iban=iban_in_text(details), where=where))
    opening = parsed.data.get("final_opening_balance") or parsed.data.get("opening_balance")
    closing = parsed.data.get("final_closing_balance") or parsed.data.get("closing_balance")
    if opening is not None and closing is not None:
        ccy = opening.amount.currency
        if to_minor(opening.amount.amount, ccy, "60F") + total != \
                to_minor(closing.amount.amount, ccy, "62F"):
            n = tag_lines.get("62F", tag_lines.get("62M", [start]))[0] + 1
            raise StatementError(_("line {n}: the closing balance (:62F:) is not the opening "
                                   "balance plus the entries: the file may be damaged. "
                                   "Nothing was recorded.").format(n=n))
    return statement


def _where_value(lines: list[str], start: int, end: int, value: str) -> str:
    """The line holding the field value the library could not parse."""
    first = value.strip().split("\n", 1)[0][:30]
    for i in range(start, end):
        if first and first in lines[i]:
            return _("line {n}").format(n=i + 1)
    return _("line {n}").format(n=start + 1)

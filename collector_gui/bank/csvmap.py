"""A bank's CSV export, read through a column mapping the user gives once per bank.

    date=Fecha,amount=Importe,text=Concepto,reference=Referencia

Keys: date (required), amount, or credit and/or debit (debit amounts are taken as money
out, whatever their sign), text (several columns joined with "+"), reference, payer, iban,
value_date, currency (a column, or an ISO code for the whole file). Spanish exports are
read as they come: ";" or "," or tab, "1.234,56" or "1,234.56", day-first dates, a few lines
of title above the header, UTF-8 or Windows-1252.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation

from collector_gui.bank.model import Statement, StatementError, StatementLine, clean_iban, \
    iban_in_text, to_minor
from collector_gui.core.i18n import _
from collector_gui.core.money import is_currency

KEYS = ("date", "amount", "credit", "debit", "text", "reference", "payer", "iban",
        "value_date", "currency")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d-%m-%y",
                 "%Y/%m/%d", "%Y%m%d")
_CURRENCY_MARK = re.compile(r"^[A-Z]{3}\s*|\s*[A-Z]{3}$|[€$£]")
_AMOUNT = re.compile(r"[+-]?[0-9][0-9.,]*")


def parse_mapping(text: str) -> dict[str, str]:
    """"date=Fecha,amount=Importe,…" as a dict; refuses unknown keys and a missing date or
    amount, with the reason."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key = key.strip().lower()
        if not sep or not column.strip():
            raise StatementError(_("The CSV mapping {part} is not KEY=COLUMN.").format(
                part=repr(part.strip())))
        if key not in KEYS:
            raise StatementError(_("The CSV mapping has an unknown key {key} (known: "
                                   "{known}).").format(key=repr(key), known=", ".join(KEYS)))
        mapping[key] = column.strip()
    if "date" not in mapping or not ({"amount", "credit", "debit"} & set(mapping)):
        raise StatementError(_("The CSV mapping needs date= and amount= (or credit= and "
                               "debit=), e.g. date=Fecha,amount=Importe,text=Concepto."))
    return mapping


def format_mapping(mapping: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in mapping.items())


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_amount(raw: str) -> Decimal:
    """"1.234,56", "-1,234.56", "1234,5", "+50,00 €", "(12.00)" as a Decimal; anything
    else (a letter inside the digits) is refused, never guessed."""
    text = _CURRENCY_MARK.sub("", raw.replace("\u00a0", " ").strip()).replace(" ", "")
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()")
    if text.endswith("-"):  # "50,00-": some banks put the sign last
        text, negative = text[:-1], True
    if not _AMOUNT.fullmatch(text):
        raise ValueError(raw)
    if "," in text and "." in text:
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    elif text.count(",") > 1:
        text = text.replace(",", "")
    value = Decimal(text.replace(",", "."))
    return -value if negative else value


def _date(raw: str, _last: list[str] = [_DATE_FORMATS[0]]) -> dt.date:
    """A date in one of the bank's ways; the way that read the last one is tried first."""
    raw = raw.strip()
    for fmt in (_last[0], *_DATE_FORMATS):
        try:
            value = dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        _last[0] = fmt
        return value
    raise ValueError(raw)


def read(data: bytes, mapping: dict[str, str], *, account: str = "",
         default_currency: str = "EUR") -> list[Statement]:
    text = _decode(data)
    rows_text = text.splitlines()
    fixed_currency = ""
    columns = dict(mapping)
    wanted = {k: v for k, v in columns.items() if k != "currency"}
    header_index, delimiter, header = _find_header(rows_text, wanted)
    if "currency" in columns:
        if columns["currency"].casefold() not in header and is_currency(columns["currency"].upper()):
            fixed_currency = columns.pop("currency").upper()
    index: dict[str, list[int]] = {}
    for key, spec in columns.items():
        names = [n.strip() for n in spec.split("+")] if key == "text" else [spec]
        try:
            index[key] = [header.index(n.casefold()) for n in names]
        except ValueError:
            raise StatementError(_("line {n}: the CSV header has no column {column}.").format(
                n=header_index + 1, column=repr(spec))) from None
    statement = Statement("csv", account)
    reader = csv.reader(io.StringIO("\n".join(rows_text[header_index + 1:])),
                        delimiter=delimiter)
    for offset, row in enumerate(reader):
        line_no = header_index + 2 + offset
        if not any(cell.strip() for cell in row):
            continue
        cell = {k: " ".join(row[i].strip() for i in idx if i < len(row)) for k, idx in
                index.items()}
        if not cell["date"]:
            continue  # a total or a note below the entries
        where = _("line {n}").format(n=line_no)
        statement.lines.append(_line(cell, where, fixed_currency or default_currency))
    return [statement]


def _find_header(rows: list[str], wanted: dict[str, str]) -> tuple[int, str, list[str]]:
    names = set()
    for key, spec in wanted.items():
        names.update(n.strip().casefold() for n in (spec.split("+") if key == "text" else [spec]))
    for i, line in enumerate(rows[:50]):
        delimiter = max(";,\t|", key=line.count)
        cells = [c.strip().casefold() for c in next(csv.reader([line], delimiter=delimiter), [])]
        if names <= set(cells):
            return i, delimiter, cells
    raise StatementError(_("No line near the top of the CSV file has all the columns the "
                           "mapping names ({columns}). Nothing was recorded.").format(
        columns=", ".join(sorted(wanted.values()))))


def _line(cell: dict[str, str], where: str, default_currency: str) -> StatementLine:
    try:
        booked = _date(cell["date"])
    except ValueError:
        raise StatementError(_("{where}: the date {value} cannot be read (YYYY-MM-DD or "
                               "DD/MM/YYYY). Nothing was recorded.").format(
            where=where, value=repr(cell["date"]))) from None
    value_date = None
    if cell.get("value_date"):
        try:
            value_date = _date(cell["value_date"])
        except ValueError:
            value_date = None
    currency = (cell.get("currency") or default_currency).strip().upper()
    try:
        if "amount" in cell and cell["amount"]:
            amount = parse_amount(cell["amount"])
        else:
            credit = parse_amount(cell["credit"]) if cell.get("credit") else Decimal(0)
            debit = parse_amount(cell["debit"]) if cell.get("debit") else Decimal(0)
            amount = abs(credit) - abs(debit)
    except (InvalidOperation, ValueError):
        shown = cell.get("amount") or cell.get("credit") or cell.get("debit") or ""
        raise StatementError(_("{where}: the amount {value} is not a number. Nothing was "
                               "recorded.").format(where=where, value=repr(shown))) from None
    text = cell.get("text", "")
    return StatementLine(booking_date=booked, value_date=value_date,
                         amount_minor=to_minor(amount, currency, where), currency=currency,
                         text=text, reference=cell.get("reference", ""),
                         payer_name=cell.get("payer", ""),
                         payer_iban=clean_iban(cell.get("iban", "")) or iban_in_text(text),
                         where=where)

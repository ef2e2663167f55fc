"""Counts said with their noun ("1 factura", "5.000 facturas"), plurals right in both languages."""

from __future__ import annotations

from PySide6.QtCore import QObject


# Counts with their noun, plural right in every language: the English form is chosen here
# (one source string for 1, one for the rest: the window has no English catalogue), and each
# is a Qt numerus message, so a translation has its own language's forms for n. The number is
# formatted as the window formats numbers ("5.000 facturas"). Methods of a QObject of their
# own: pyside6-lupdate marks a message numerus only in a self.tr() call with a variable n,
# and the context ("Counts") is then the same for lupdate and at run time.
class Counts(QObject):
    def rows(self, n: int) -> tuple[str, str]:
        return self.tr("{n} row", "", n), self.tr("{n} rows", "", n)

    def invoices(self, n: int) -> tuple[str, str]:
        return self.tr("{n} invoice", "", n), self.tr("{n} invoices", "", n)

    def clients(self, n: int) -> tuple[str, str]:
        return self.tr("{n} client", "", n), self.tr("{n} clients", "", n)

    def entries(self, n: int) -> tuple[str, str]:
        return self.tr("{n} entry", "", n), self.tr("{n} entries", "", n)

    def payments(self, n: int) -> tuple[str, str]:
        return self.tr("{n} payment", "", n), self.tr("{n} payments", "", n)

    def days_late(self, n: int) -> tuple[str, str]:
        return self.tr("{n} day late", "", n), self.tr("{n} days late", "", n)


_COUNTS = Counts()


def _counted(n: int, fmt, forms: tuple[str, str]) -> str:
    return forms[0 if n == 1 else 1].format(n=fmt.number(n))


def rows_text(n: int, fmt) -> str:
    return _counted(n, fmt, _COUNTS.rows(n))


def invoices_text(n: int, fmt) -> str:
    return _counted(n, fmt, _COUNTS.invoices(n))


def clients_text(n: int, fmt) -> str:
    return _counted(n, fmt, _COUNTS.clients(n))


def entries_text(n: int, fmt) -> str:
    return _counted(n, fmt, _COUNTS.entries(n))


def payments_text(n: int, fmt) -> str:
    return _counted(n, fmt, _COUNTS.payments(n))


def days_late_text(n: int, fmt) -> str:
    return _counted(n, fmt, _COUNTS.days_late(n))

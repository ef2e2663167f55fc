"""The item-data roles the window's models answer beyond Qt's own (the paged tables and the
dashboard's chase list). A module of their own, so the dashboard can use them without loading
the table models before the window's first paint."""

from __future__ import annotations

from PySide6.QtCore import Qt

SortRole = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts on
IdRole = Qt.ItemDataRole.UserRole + 2  # the record's id
RowRole = Qt.ItemDataRole.UserRole + 3  # the whole row (a browse.*Row)
ClientRole = Qt.ItemDataRole.UserRole + 4  # the chase list's client rows: the client's id


class AllRolesAtOnce:
    """For a Python model behind a view: every role a cell is painted with, in one call.

    Qt's delegate asks a cell for ~7 roles (text, alignment, font, colours, check state,
    icon) through multiData, whose default calls data() once per role: from C++ into Python
    each time, and each time the window's thread takes the GIL again. Behind a busy worker each
    of those waited: a repaint of the dashboard's chase list, then a Python model (~800 calls),
    took 30-50 ms instead of 9, as a progress dialog opened over the window (bench_stalls.py;
    the chase list is now read without Python: chase_model.py). Mixed in before the Qt model
    class; data() stays the one answer."""

    def multiData(self, index, roleDataSpan) -> None:  # noqa: N802, N803 (Qt's names)
        for role_data in roleDataSpan:
            role_data.setData(self.data(index, role_data.role()))

"""The item-data roles the window's models answer beyond Qt's own (the paged tables and the
dashboard's chase list). A module of their own, so the dashboard can use them without loading
the table models before the window's first paint."""

from __future__ import annotations

from PySide6.QtCore import Qt

SortRole = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts on
IdRole = Qt.ItemDataRole.UserRole + 2  # the record's id
RowRole = Qt.ItemDataRole.UserRole + 3  # the whole row (a browse.*Row)

"""The ledger: one SQLite file, through sqlite-utils. No Qt here."""

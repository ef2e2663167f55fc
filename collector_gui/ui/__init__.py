"""The window: Qt widgets only. Numbers come from core and ledger; SQL lives in ledger/."""

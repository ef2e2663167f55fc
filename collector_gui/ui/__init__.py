"""The window: Qt widgets only, over actions/ and ledger/."""

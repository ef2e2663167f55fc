"""Bank statements: reading the files banks give (Norma 43, camt.053/054, OFX, MT940, CSV).

A layer beside documents/ and mail/: it may use core/ and ledger/, never actions/ or Qt.
`read.read_statement()` detects the format from the content and returns a `model.Statement`;
the matching rules live in core/matching.py, what was recorded in ledger/bank.py.
"""

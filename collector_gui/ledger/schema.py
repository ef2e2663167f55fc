"""What marks a file as a Collector ledger, and the ledger format this Collector writes.

Apart from migrations.py so that opening a ledger that is up to date (every start of the
window) needs neither sqlite-utils nor the migration steps: bench/README.md, issue 18.
"""

# 'Coll' in ASCII: marks the file as a Collector ledger (PRAGMA application_id).
APPLICATION_ID = 0x436F6C6C

# The number of the last step in migrations.py: each step sets PRAGMA user_version to its
# number, so a ledger at this version has had every step (a test checks they agree).
SCHEMA_VERSION = 6

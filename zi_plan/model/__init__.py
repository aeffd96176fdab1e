"""The plan and its journal as plain data: the tree of actions, records and occurrences, ids, fingerprints, status, months."""

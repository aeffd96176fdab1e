"""Records and evidence travel from a unit to its parent: unit packs, and what the parent receives.

A unit pack (`zi unit pack`) is one zip: the plan, the journal (all of it,
or the records an earlier pack lacked) and the evidence files the records
name, with a manifest of each file's sha256 and size, the unit's code and
the year. The parent (`zi unit receive`) checks every hash before it changes
anything, and adds what it lacks.
"""

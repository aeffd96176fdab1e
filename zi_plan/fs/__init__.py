"""Touching the disk safely: regular files only, atomic writes, shared-folder modes, the evidence jail."""

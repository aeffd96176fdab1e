"""Where the files live and how they are read: which plan, the parsed-data cache, the journal file, the evidence store, what an amended plan no longer matches."""

"""Documents people print, publish or hand over: the monev report, the plan page, the evidence packs, through one Jinja environment."""

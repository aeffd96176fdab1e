"""Many units, one parent: the units register, the roll-up and what it writes.

A parent organisation (a KPU province over its kabupaten, a Kanwil over its
UPT, a Pemda over its OPD) keeps its units' plans and journals in one folder,
in practice a git repository on the agency's own GitLab or Gitea:

    units.yaml                    the register (zi_plan.units.register)
    units/<code>/plans/...yaml    each unit's plan, journal and evidence, as zi keeps them

``rollup`` computes one row per unit with the existing core (plans,
journals, status, evidence, LKE); ``dashboard``, ``workbook`` and
``tables`` write it; ``ci`` writes the pipeline that publishes it.
"""

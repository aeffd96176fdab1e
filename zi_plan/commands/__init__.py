"""The `zi` commands, one module per group; each exposes ``register(app)``.

`zi_plan.cli.GROUPS` lists them in the order `zi --help` shows them.
"""

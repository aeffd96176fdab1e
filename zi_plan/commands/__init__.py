"""Command groups of the `zi` command line, each with ``register(app)``."""

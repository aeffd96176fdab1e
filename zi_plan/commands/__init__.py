"""Command groups of `zi`, each with ``register(app)``."""

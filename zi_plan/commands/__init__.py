"""The command groups of `zi`, each with ``register(app)``."""

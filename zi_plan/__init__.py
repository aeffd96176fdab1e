"""zi-plan: a Rencana Aksi Zona Integritas held as a checked YAML plan."""

__version__ = "0.1.0"

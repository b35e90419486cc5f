"""digest: compile a themed newsletter issue from a folder of clipped documents."""

__version__ = "0.1.0"

"""retold: how news outlets frame one event, with spans a reader can check."""

__version__ = "0.1.0"

"""paperdeck: triage the daily papers digest in the terminal."""

__version__ = "0.1.0"

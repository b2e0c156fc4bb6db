"""Screens and dialogs of the triage TUI."""

"""paperdeck's core: parser, library, query engine, state store and exporters.

Nothing in this package imports Textual; the CLI and the TUI are thin layers over it.
"""

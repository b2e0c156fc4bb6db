"""Errors a user can cause, each with the exit code the CLI documents."""

from __future__ import annotations


class PaperdeckError(Exception):
    """An error with a one-line message meant for the user."""

    exit_code = 1


class UsageError(PaperdeckError):
    """Options that cannot go together, or a required one missing (as argparse's exit 2)."""

    exit_code = 2


class InputError(PaperdeckError):
    """An input file that is missing, unreadable, or not what the command reads."""

    exit_code = 3


class DigestError(InputError):
    """A file that is not a digest: empty, binary, HTML, unreadable, or without papers."""


class NotFoundError(PaperdeckError):
    """An unknown or ambiguous paper id prefix."""

    exit_code = 4


class StateError(PaperdeckError):
    """The state store is locked by another instance or cannot be written."""

    exit_code = 5


class WriteError(PaperdeckError):
    """A file could not be written (disk full, permission denied, exists without --force)."""

    exit_code = 6


class QueryError(PaperdeckError):
    """A query the engine cannot understand (unknown qualifier, unbalanced quote)."""

    exit_code = 7


class NetworkError(PaperdeckError):
    """A fetch that failed: offline, DNS, TLS, an HTTP error, a timeout, a cut-off body, or an
    answer that is not the data asked for (an HTML page, a JSON error object). The message is
    one line naming the URL and the cause."""

    exit_code = 8


EXIT_CODES = {
    0: "success",
    1: "unexpected internal error",
    2: "usage error (bad option or argument)",
    3: "input file missing or unreadable (not a digest, not a state export)",
    4: "unknown or ambiguous paper id",
    5: "state store locked by another paperdeck or unusable",
    6: "could not write a file (disk full, permission, exists without --force)",
    7: "invalid query",
    8: "network error (offline, timeout, HTTP error, not the data asked for); nothing written",
    130: "interrupted",
}

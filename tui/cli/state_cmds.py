"""`paperdeck mark`, `tag`, `note` and `state export|merge`: the user's own state from the shell.

Every id is resolved (unique prefix) before anything changes, so a typo changes nothing.
Changes are flushed when the command ends (Context.close closes the store).
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from tui.cli.argv import JOINED
from tui.cli.context import Context
from tui.core.atomic import check_destination
from tui.core.errors import InputError, PaperdeckError, StateError, UsageError
from tui.core.input_limits import read_state_stream
from tui.core.state import StateStore, install_signal_flush
from tui.core.state.conflict_text import conflict_draft
from tui.core.state.schema import MAX_TAGS_PER_PAPER, normalize_tag
from tui.core.text import plural, sanitize

# Another command (`list`, a `mark` in a script's loop) holds the lock for well under a second;
# a changing command waits it out rather than failing. The app holds it until it quits.
LOCK_WAIT = 3.0


class EditorError(PaperdeckError):
    """$EDITOR could not be run or failed; the notes are unchanged."""

    exit_code = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    mark = subparsers.add_parser(
        "mark", help="mark papers read/unread or star/unstar them",
        description="Mark papers. ID may be any unique prefix of a paper id. --read or "
        "--unread and --star or --unstar may go together: one change.",
    )
    mark.add_argument("ids", nargs="+", metavar="ID")
    for flags, dest in ((("read", "unread"), "read"), (("star", "unstar"), "starred")):
        pair = mark.add_mutually_exclusive_group()
        for flag in flags:
            pair.add_argument(f"--{flag}", dest=dest, action="store_const",
                              const=not flag.startswith("un"))
    mark.set_defaults(func=cmd_mark)

    tag = subparsers.add_parser(
        "tag", help="add or remove a tag on papers",
        description="Tags are lower-cased; no spaces, commas or quotes; at most "
        f"{MAX_TAGS_PER_PAPER:,} per paper. --add and --remove may go together: one change.",
    )
    tag.add_argument("ids", nargs="+", metavar="ID")
    tag.add_argument("--add", metavar="TAG", action="append", default=[],
                     help="add TAG (repeatable)")
    tag.add_argument("--remove", metavar="TAG", action="append", default=[],
                     help="remove TAG (repeatable)")
    tag.set_defaults(func=cmd_tag)

    note = subparsers.add_parser(
        "note", help="show or change the notes on a paper",
        description="With no option, print the notes (as --show does).",
    )
    note.add_argument("id", metavar="ID")
    action = note.add_mutually_exclusive_group()
    action.add_argument("--set", metavar="TEXT", help="replace the notes")
    action.add_argument("--append", metavar="TEXT", help="add a line to the notes")
    action.add_argument("--edit", action="store_true", help="edit in $VISUAL / $EDITOR")
    action.add_argument("--show", action="store_true", help="print the notes (the default)")
    note.set_defaults(func=cmd_note)

    state = subparsers.add_parser(
        "state", help="export the state, or merge another machine's export",
        description="Export read/star/notes/tags as plain JSON, or merge an export (or a copy "
        "of state.json) from another machine: a change made after seeing the other wins; "
        "changes made without seeing each other: the later one wins for read, star and each "
        "tag, and notes keep both versions as a conflict (has:conflict finds them; saving "
        "the notes resolves it).",
    )
    actions = state.add_subparsers(dest="state_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the state as plain JSON ('-' = stdout)")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.set_defaults(func=cmd_state_export)
    merge = actions.add_parser("merge", help="merge another machine's export into this one "
                               "('-' = stdin)")
    merge.add_argument("file", metavar="FILE", type=Path)
    merge.add_argument("--dry-run", action="store_true",
                       help="only report what the merge would change; change nothing")
    merge.set_defaults(func=cmd_state_merge)
    compact = actions.add_parser("compact", help="fold the journal of changes made from the "
                                 "shell into state.json (opening the app does it too)")
    compact.set_defaults(func=cmd_state_compact)


def _store(ctx: Context, ids: list[str] | None = None) -> StateStore:
    """The store, for a command that changes it: refused (exit 5) while another holds it.
    With `ids`, only those papers are read and the change goes to the journal."""
    store = ctx.state(wait=LOCK_WAIT) if ids is None else ctx.state_for_change(
        ids, wait=LOCK_WAIT)
    if store.readonly:
        if store.lock_notice:  # the read-only notice was not printed: say it here, plainly
            raise StateError(
                f"another paperdeck is using {store.path} (waited {LOCK_WAIT:g} s); nothing "
                "was changed — quit the other paperdeck and try again"
            )
        if store.lock_error:  # a home we cannot write: say why, as before
            raise StateError(f"{store.lock_error}; nothing was changed")
        raise StateError(f"cannot change state: {store.path} is read-only here; nothing changed")
    install_signal_flush(store)  # killed by a closed terminal: still save what was done
    return store


def _resolve(ctx: Context, prefixes: list[str]) -> list[str]:
    library = ctx.library()
    return list(dict.fromkeys(library.resolve(prefix).id for prefix in prefixes))


def _print(ctx: Context, line: str) -> None:
    print(sanitize(line), file=ctx.out)


def cmd_mark(args: argparse.Namespace, ctx: Context) -> int:
    if args.read is None and args.starred is None:
        raise UsageError("mark needs --read, --unread, --star or --unstar")
    ids = _resolve(ctx, args.ids)
    store = _store(ctx, ids)
    counts = store.update(ids, read=args.read, starred=args.starred)
    store.flush()  # here, not in Context.close: a full disk is then a clean error (exit 6)
    words = [word if value else f"un{word}"
             for value, word in ((args.read, "read"), (args.starred, "starred"))
             if value is not None]
    unchanged = len(ids) - counts["papers"]
    tail = f" ({unchanged:,} already {'were' if unchanged > 1 else 'was'})" if unchanged else ""
    _print(ctx, f"marked {plural(counts['papers'], 'paper')} {' and '.join(words)}{tail}")
    return 0


def _tags(values: list[str]) -> list[str]:
    """The tags given, normalised, once each (main folds repeated options with JOINED)."""
    return list(dict.fromkeys(normalize_tag(tag) for value in values
                              for tag in value.split(JOINED)))


def cmd_tag(args: argparse.Namespace, ctx: Context) -> int:
    if not args.add and not args.remove:
        raise UsageError("tag needs --add TAG or --remove TAG")
    ids = _resolve(ctx, args.ids)
    # Every tag is checked first so a bad one changes nothing; all of them are one change.
    adds = _tags(args.add)
    removes = _tags(args.remove)
    store = _store(ctx, ids)
    counts = store.update(ids, add_tags=adds, remove_tags=removes)
    store.flush()
    lines = [(f"tagged {plural(counts['+' + tag], 'paper')} '{tag}'", counts["+" + tag])
             for tag in adds]
    lines += [(f"removed tag '{tag}' from {plural(counts['-' + tag], 'paper')}", counts["-" + tag])
              for tag in removes]
    for verb, changed in lines:
        unchanged = len(ids) - changed
        _print(ctx, verb + (f" ({unchanged:,} unchanged)" if unchanged else ""))
    return 0


def cmd_note(args: argparse.Namespace, ctx: Context) -> int:
    [paper_id] = _resolve(ctx, [args.id])
    if not (args.set is not None or args.append is not None or args.edit):  # --show, or none
        state = ctx.state().get(paper_id)
        if state.conflict:
            print(f"notes conflict: {len(state.conflict)} versions (edit them into one with "
                  "--edit or --set to resolve)", file=ctx.err)
        notes = conflict_draft(state.conflict) if state.conflict else state.notes
        if notes:
            _print(ctx, notes.rstrip("\n"))
        return 0
    if args.append is not None and not args.append.strip():
        _print(ctx, f"nothing to append (the text is empty); notes of {paper_id} unchanged")
        return 0
    store = _store(ctx, [paper_id])
    state = store.get(paper_id)
    old = state.notes
    if state.conflict and args.append is not None:
        raise UsageError(f"the notes of {paper_id} are in conflict ({len(state.conflict)} "
                         "versions): resolve them with --edit or --set first; nothing changed")
    if state.conflict and args.edit:
        old = conflict_draft(state.conflict)
    if args.set is not None:
        new = args.set
    elif args.append is not None:
        new = f"{old}\n{args.append}" if old and not old.endswith("\n") else old + args.append
    else:
        new = edit_in_editor(old, paper_id)
    if store.set_notes(paper_id, new):
        store.flush()
        size = "1 character" if len(new) == 1 else f"{len(new):,} characters"
        _print(ctx, f"notes of {paper_id} saved ({size})")
    else:
        _print(ctx, f"notes of {paper_id} unchanged")
    return 0


def _editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        return shlex.split(editor)
    except ValueError as exc:
        raise EditorError(f"cannot understand $EDITOR {editor!r}: {exc}") from None


def edit_in_editor(text: str, paper_id: str) -> str:
    """Open the notes in the user's editor; returns the edited text (trailing newlines dropped)."""
    command = _editor_command()
    with tempfile.TemporaryDirectory(prefix="paperdeck-note-") as folder:
        path = Path(folder) / f"{paper_id.replace('/', '_')}.md"
        path.write_text(text + ("\n" if text and not text.endswith("\n") else ""), "utf-8")
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError as exc:
            raise EditorError(
                f"cannot run editor {command[0]!r}: {exc.strerror or exc}; notes unchanged"
            ) from None
        if result.returncode != 0:
            raise EditorError(f"the editor exited with status {result.returncode}; notes unchanged")
        try:
            edited = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EditorError(f"cannot read the edited notes: {exc}; notes unchanged") from None
    return edited.rstrip("\n")


def cmd_state_export(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.state()
    if args.file == "-":
        with tempfile.TemporaryDirectory(prefix="paperdeck-export-") as folder:
            path = Path(folder) / "state.json"
            store.export_state(path)
            ctx.out.write(path.read_text("utf-8"))
        return 0
    path = check_destination(Path(args.file), force=args.force)
    count = store.export_state(path, overwrite=args.force)
    print(f"exported the state of {plural(count, 'paper')} to {args.file}", file=ctx.err)
    return 0


def _read_stdin(ctx: Context) -> bytes:
    """The export piped in; a closed or failing stdin is one line (exit 3), not a traceback."""
    stdin = sys.stdin
    if stdin is None:  # `state merge - <&-`: Python gives no stdin object at all
        raise InputError("cannot read a state export from stdin: it is closed")
    try:
        if stdin.isatty():  # a terminal user would otherwise see it hang, silently
            print("paperdeck: reading a state export from stdin; Ctrl+D ends", file=ctx.err)
        return read_state_stream(stdin.buffer, "stdin")
    except (OSError, ValueError) as exc:  # ValueError: read of a closed file
        raise InputError(f"cannot read a state export from stdin: {exc}") from None


def cmd_state_merge(args: argparse.Namespace, ctx: Context) -> int:
    piped = None
    if str(args.file) == "-":  # `ssh laptop paperdeck state export - | paperdeck state merge -`
        piped = _read_stdin(ctx)  # before the lock: a slow pipe must not hold it
    store = ctx.state() if args.dry_run else _store(ctx)
    report = store.merge_state(Path("stdin") if piped is not None else args.file, data=piped,
                               dry_run=args.dry_run)
    if not args.dry_run:
        store.flush()
    for line in report.lines():
        _print(ctx, line)
    return 0


def cmd_state_compact(args: argparse.Namespace, ctx: Context) -> int:
    store = _store(ctx)  # a writer that opens the whole state folds the journal in
    store.flush()
    print(f"{store.path} holds every record ({plural(len(store.all()), 'paper')})", file=ctx.err)
    return 0

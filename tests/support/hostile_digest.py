"""A digest written against the terminal and the UI, for the terminal-safety tests."""

from __future__ import annotations

from pathlib import Path

ABSTRACT = ("We study a method for training large models on many devices. It works well on many "
            "tasks and we release everything. The results show that the approach scales and "
            "beats strong baselines on every benchmark we tried. ")

# Each sequence a terminal would act on: OSC 52 writes the clipboard, CSI 2J clears the screen,
# OSC 8 makes a hyperlink, BEL rings, BS and CR overwrite, 8-bit CSI (U+009B) in UTF-8.
ESCAPES = ("\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b[2J", "\x1b[31m", "\x1b]8;;file:///etc/passwd"
           "\x1b\\", "\x07", "\x08\x08", "\r", "\u009b2J", "\x1bP+q\x1b\\", "\x00")

MARKUP_TITLES = [
    "[bold]Bold markup[/bold] stays literal",
    "[link=file:///etc/passwd]x[/link] is no link",
    "[@click=app.quit]Click to quit[/] does nothing",
    "Emoji 😀👩‍🔬 and CJK 漢字かな and RTL עברית العربية",
    "Combining e\u0301\u0301 and zero\u200bwidth\u200d joiners\ufeff",
    "Tabs\tinside\tthe\ttitle",
]
LONG_TITLE = "Long " + "word " * 999  # 5,000 characters
ESCAPE_TITLE = "Escapes " + " ".join(f"{seq}e{n}" for n, seq in enumerate(ESCAPES)) + " end"
LINK_ABSTRACT = (ABSTRACT + "Try javascript:alert(1) or file:///etc/passwd or "
                 "data:text/html,<script>x</script> or the page https://example.org/ok")


def hostile_digest_text() -> str:
    blocks = ["Mar 12"]
    for title in [*MARKUP_TITLES, LONG_TITLE, ESCAPE_TITLE]:
        blocks += [title, ABSTRACT + f"About {title[:20]}" + "".join(ESCAPES)]
    blocks += ["A paper with hostile links", LINK_ABSTRACT]
    return "\n\n".join(blocks) + "\n"


def write_hostile_digest(folder: Path) -> Path:
    path = folder / "hostile.txt"
    path.write_text(hostile_digest_text(), encoding="utf-8")
    return path

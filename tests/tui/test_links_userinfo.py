"""A link with a user part (https://github.com@evil.example/x) goes to the host after the last
"@": the pane and the messages show that host first, and has:code goes by it too."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    notices,
    settle,
    type_filter,
)
from tui import external
from tui.core.links import describe_url, extract_links, split_userinfo
from tui.core.model import Link
from tui.widgets.detail_pane import DetailPane

EVIL = "https://github.com@evil.example/owner/repo"

# What may stand before the "@" of an address the link finder keeps whole: no "/?#" (they
# end the address), no brackets (an IPv6 host), nothing the finder stops at.
USER_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~!$&*+,;=:%@"
label = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
hosts = st.one_of(
    st.sampled_from(["github.com", "gitlab.com", "huggingface.co", "hf.co", "evil.example",
                     "github.com.evil.example", "githubxcom.example", "x.github.io"]),
    st.builds(lambda a, b: f"{a}.{b}", label, st.sampled_from(["com", "org", "example"])),
)
userinfos = st.one_of(
    st.sampled_from(["github.com", "github.com:443", "user:pass", "a@github.com", "hf.co"]),
    st.text(USER_CHARS, min_size=1, max_size=30).filter(lambda s: not s.endswith("@")),
)
paths = st.text("abcdefghijklmnopqrstuvwxyz0123456789/-", max_size=20)


def is_code_host(host: str) -> bool:
    return any(host == h or host.endswith("." + h)
               for h in ("github.com", "gitlab.com", "huggingface.co", "hf.co"))


@given(userinfo=userinfos, host=hosts, path=paths)
def test_the_host_after_the_user_part_decides(userinfo: str, host: str, path: str) -> None:
    url = f"https://{userinfo}@{host}/{path}x"
    links = extract_links(f"Code at {url} .")
    assert [link.url for link in links] == [url]
    assert links[0].kind == ("code" if is_code_host(host) else "page")
    site, user = split_userinfo(url)
    assert site == f"https://{host}/{path}x" and user == userinfo
    assert describe_url(url).startswith(f"https://{host}/")
    assert userinfo in describe_url(url)


@given(host=hosts, path=paths)
def test_a_link_without_a_user_part_is_unchanged(host: str, path: str) -> None:
    url = f"https://{host}/{path}?at=@me#@x"
    assert split_userinfo(url) == (url, "")
    assert describe_url(url) == url


@async_test
async def test_the_pane_shows_the_real_host_first(home: Path) -> None:
    links = extract_links(f"Code: {EVIL} and https://github.com/owner/repo")
    app = app_with_papers(home, [make_paper(1, links=links)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = app.main_screen.query_one(DetailPane).plain
        assert "github.com@evil.example" not in shown
        assert '  o/1 evil.example/owner/repo\n      ⚠ user name "github.com@"\n' in shown
        assert "    2 github.com/owner/repo code" in shown
        # Only the real github.com link makes the paper a code paper.
        assert [link.kind for link in links] == ["page", "code"]


@async_test
async def test_has_code_skips_a_link_whose_real_host_is_not_github(home: Path) -> None:
    evil = make_paper(1, "Evil paper", links=extract_links(EVIL))
    real = make_paper(2, "Real paper", links=extract_links("https://github.com/o/r"))
    app = app_with_papers(home, [evil, real])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "has:code")
        assert [p.title for p in app.main_screen.visible_papers()] == ["Real paper"]


@async_test
async def test_the_opening_message_names_the_real_host(home: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(external, "terminal_browser", lambda: None)
    monkeypatch.setattr(external, "browser_available", lambda: True)
    app = app_with_papers(home, [make_paper(1, links=(Link(EVIL, "page"),))])
    monkeypatch.setattr(app, "open_url", lambda url, **kwargs: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert opened == [EVIL]  # the link itself is opened as it is
        messages = notices(app)
        assert messages == ['Opening https://evil.example/owner/repo (the link also carries '
                            '"github.com@", a user name, not the site)']



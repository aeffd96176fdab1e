"""links: only http(s) links are accepted, recorded and rendered."""

from __future__ import annotations

import pytest

from zi_plan import i18n
from zi_plan.model.links import is_safe_link, link_problem


@pytest.mark.parametrize(
    "url",
    ["http://kpu.go.id", "https://drive.google.com/file/d/1AbC/view?usp=sharing", "HTTPS://KPU.GO.ID/a#b", "https://x.id/%20spasi"],
)
def test_web_links_are_safe(url):
    assert is_safe_link(url) and link_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://kpu.go.id/sk.pdf",
        "www.kpu.go.id",
        "http://",  # nothing after the scheme
        " https://kpu.go.id",  # a browser drops the space and reads on
        "https://kpu.go.id/a b",
        "https://kpu.go.id/\x00",
        "https://kpu.go.id/\x1b]8;;javascript:x\x07",
        "https://kpu.go.id/\x85",  # a C1 control
        "https://kpu.go.id/\x7f",
        'https://kpu.go.id/"onmouseover="x',
        "https://kpu.go.id/<script>",
        "https:\\\\kpu.go.id",
        "java\tscript:https://x",
        "",
    ],
)
def test_anything_else_is_refused(url):
    assert not is_safe_link(url)
    assert "is not a web link" in (link_problem(url) or "")


@pytest.mark.parametrize("value", [None, 5, b"https://kpu.go.id", ["https://kpu.go.id"]])
def test_what_is_not_text_is_never_a_link(value):
    assert is_safe_link(value) is False


def test_the_message_quotes_at_most_80_characters():
    long = "javascript:" + "x" * 200
    message = link_problem(long) or ""
    assert f"'{long[:80]}'" in message and long[:81] not in message


def test_the_message_follows_the_language():
    try:
        i18n.set_language("id")
        indonesian = link_problem("javascript:x") or ""
    finally:
        i18n.set_language("en")
    assert indonesian and indonesian != link_problem("javascript:x") and "javascript:x" in indonesian

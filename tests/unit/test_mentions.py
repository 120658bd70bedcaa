"""The @mention parser: names after `@`, outside code and email addresses, once each."""

from __future__ import annotations

import pytest

from taskdeck.domain.mentions import MAX_MENTION_TOKENS, mention_tokens


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("", []),
        ("no mentions here", []),
        ("@ann", ["ann"]),
        ("hi @ann and @bob.", ["ann", "bob"]),
        ("(@ann), @bob; @carl!", ["ann", "bob", "carl"]),
        ("@ann.smith and @a-b+c_d", ["ann.smith", "a-b+c_d"]),
        ("@ann then @ann again, @Ann", ["ann", "Ann"]),
        ("@01JD0000000000000000000000 by id", ["01JD0000000000000000000000"]),
        ("@b1e2-uuid-like-id", ["b1e2-uuid-like-id"]),
        ("mail ann@example.com or x.y@example.com", []),
        ("@ann@example.com is an address", []),
        ("a/@ann and a.@bob", []),
        ("@ and @. alone", []),
        ("@ann\n@bob", ["ann", "bob"]),
        ("@Émile", ["Émile"]),
    ],
)
def test_names(text: str, names: list[str]) -> None:
    assert mention_tokens(text) == names


def test_code_spans_and_blocks_mention_nobody() -> None:
    text = "\n".join(
        [
            "`@inline` and ``@double `tick` `` but @out",
            "```python",
            "@decorator",
            "```",
            "~~~~",
            "@tilde",
            "```",
            "@still_in_tilde_block",
            "~~~~",
            "after @after",
        ]
    )
    assert mention_tokens(text) == ["out", "after"]


def test_an_unclosed_fence_runs_to_the_end() -> None:
    assert mention_tokens("@before\n```\n@inside") == ["before"]


def test_at_most_so_many_distinct_names() -> None:
    text = " ".join(f"@user{i}" for i in range(MAX_MENTION_TOKENS + 50))
    assert len(mention_tokens(text)) == MAX_MENTION_TOKENS

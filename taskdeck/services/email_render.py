"""One email from a batch of notices about one issue: subject, plain text and HTML.

Titles, names, summaries and comment excerpts are user input: the HTML escapes every one
of them, and the subject is folded onto one line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any, Final
from urllib.parse import quote

from taskdeck.ports import OutgoingEmail

SUBJECT_TITLE_CHARS: Final = 80
SETTINGS_PATH: Final = "/settings/notifications"
_HTML_STYLE: Final = "font-family:sans-serif;font-size:14px;line-height:1.4;color:#222"
_QUOTE_STYLE: Final = (
    "margin:4px 0 0;padding-left:8px;border-left:3px solid #ccc;color:#555;white-space:pre-wrap"
)


def one_line(text: str, limit: int | None = None) -> str:
    """`text` with every run of white space (newlines too) as one space, cut at `limit`."""
    folded = " ".join(text.split())
    if limit is not None and len(folded) > limit:
        return folded[: limit - 1].rstrip() + "…"
    return folded


def _time(at: str) -> str:
    moment = datetime.fromisoformat(at)
    return f"{moment.day} {moment:%b %H:%M} UTC"


def _more(unlisted: int) -> str:
    return f"And {unlisted} more {'update' if unlisted == 1 else 'updates'}."


@dataclass(frozen=True, slots=True)
class _Email:
    """A batch as the email shows it: names folded onto one line, links made."""

    issue: str
    title: str
    project: str
    project_name: str
    notices: Sequence[Mapping[str, Any]]
    count: int
    issue_url: str
    settings_url: str

    @property
    def unlisted(self) -> int:
        return max(0, self.count - len(self.notices))

    def subject(self) -> str:
        one = self.count == 1 and self.notices
        what = self.notices[0]["summary"] if one else f"{self.count} updates"
        title = one_line(self.title, SUBJECT_TITLE_CHARS)
        return one_line(f"[{self.project}] {self.issue} {title}: {what}")

    def text(self) -> str:
        lines = [f"{self.issue} {self.title}", f"{self.project_name} ({self.project})", ""]
        for notice in self.notices:
            lines.append(f"- {_time(notice['at'])}  {one_line(notice['summary'])}")
            lines += [f"    > {line}" for line in (notice.get("excerpt") or "").splitlines()]
        if self.unlisted:
            lines += ["", _more(self.unlisted)]
        lines += [
            "",
            f"Open {self.issue}: {self.issue_url}",
            "",
            "-- ",
            "You get this email because of your notification settings.",
            f"Change or stop these emails: {self.settings_url}",
        ]
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        items = []
        for notice in self.notices:
            excerpt = notice.get("excerpt")
            quoted = (
                f'<blockquote style="{_QUOTE_STYLE}">{escape(excerpt)}</blockquote>'
                if excerpt
                else ""
            )
            items.append(
                f'<li><span style="color:#777">{escape(_time(notice["at"]))}</span> '
                f"{escape(one_line(notice['summary']))}{quoted}</li>"
            )
        more = f"<p>{_more(self.unlisted)}</p>" if self.unlisted else ""
        issue_url, settings_url = escape(self.issue_url), escape(self.settings_url)
        return (
            f'<!DOCTYPE html><html><body style="{_HTML_STYLE}">'
            f'<h2 style="font-size:16px;margin:0"><a href="{issue_url}">'
            f"{escape(self.issue)} {escape(self.title)}</a></h2>"
            f'<p style="color:#777;margin:2px 0 12px">{escape(self.project_name)} '
            f"({escape(self.project)})</p>"
            f"<ul>{''.join(items)}</ul>{more}"
            f'<p><a href="{issue_url}">Open {escape(self.issue)}</a></p>'
            '<hr style="border:none;border-top:1px solid #ddd">'
            '<p style="color:#777;font-size:12px">You get this email because of your '
            f'notification settings. <a href="{settings_url}">Change or stop these '
            "emails</a>.</p></body></html>"
        )


def compose(batch: Mapping[str, Any], public_url: str) -> OutgoingEmail:
    """The email for a stored batch (its `notices`, of `count` in all)."""
    base = public_url.rstrip("/")
    email = _Email(
        issue=batch["issue"],
        title=one_line(batch["issue_title"]),
        project=batch["project"],
        project_name=one_line(batch["project_name"]),
        notices=batch["notices"],
        count=batch["count"],
        issue_url=f"{base}/issues/{quote(batch['issue'], safe='')}",
        settings_url=base + SETTINGS_PATH,
    )
    return OutgoingEmail(
        to=batch["to"],
        user_id=batch["user_id"],
        subject=email.subject(),
        text=email.text(),
        html=email.html(),
        settings_url=email.settings_url,
        kinds=tuple(dict.fromkeys(notice["kind"] for notice in email.notices)),
        project=email.project,
        issue=email.issue,
    )

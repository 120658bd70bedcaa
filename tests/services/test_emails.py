"""Email batches: queued in the store, sent by the worker through a real SMTP server
(aiosmtpd), on SQLite and on DynamoDB."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage

import pytest
from ulid import ULID

from taskdeck.adapters.notify.smtp import SmtpNotifier
from taskdeck.bootstrap import Container, bootstrap
from taskdeck.config import Settings
from taskdeck.domain.notifications import Kind
from taskdeck.domain.roles import Role
from taskdeck.ports import OutgoingEmail
from taskdeck.services.dispatcher import Dispatcher
from taskdeck.services.emails import EmailNotice, Emails
from tests.conftest import PASSWORD
from tests.smtp_server import Mailbox, ManualClock, free_port, smtp_server

pytestmark = [pytest.mark.anyio, pytest.mark.local_accounts]

ADA = ("u-ada", "ada@example.com")
PUBLIC_URL = "https://td.example.com"
WINDOW = 10
WINDOW_DELTA = timedelta(seconds=WINDOW)


def notice(summary: str = "Bob moved TD-4 to Done", **fields: object) -> EmailNotice:
    """A notice about TD-4 "Fix login" (fields override)."""
    values: dict[str, object] = {
        "event_id": str(ULID()),
        "kind": Kind.STATUS_CHANGE,
        "issue_key": "TD-4",
        "issue_title": "Fix login",
        "project_key": "TD",
        "project_name": "Taskdeck",
        "actor_name": "Bob",
        "summary": summary,
        "at": "2026-11-26T12:00:00.000Z",
        **fields,
    }
    return EmailNotice(**values)  # type: ignore[arg-type]


def text_and_html(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML bodies of an email."""
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None
    assert html is not None
    # Lines travel with CRLF endings.
    return (
        str(text.get_content()).replace("\r\n", "\n"),
        str(html.get_content()).replace("\r\n", "\n"),
    )


class Mail:
    """Containers on one store and one SMTP server, with a clock the test moves."""

    def __init__(self, settings: Settings, port: int, box: Mailbox | None = None) -> None:
        self.port, self.box = port, box or Mailbox()
        self.clock = ManualClock()
        self.settings = settings.model_copy(
            update={
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "public_url": PUBLIC_URL,
                "mail_from": "Taskdeck <taskdeck@example.com>",
                "email_batch_seconds": WINDOW,
            }
        )
        self.opened: list[Container] = []

    def open(self, **overrides: object) -> Container:
        """A container (another process, as it were) on the same data and server."""
        container = bootstrap(self.settings.model_copy(update=overrides), clock=self.clock)
        self.opened.append(container)
        return container

    def close(self) -> None:
        """Close every container opened."""
        for container in self.opened:
            container.close()


@pytest.fixture
def mail(settings: Settings) -> Iterator[Mail]:
    """Containers that send email to a real SMTP server the test runs."""
    with smtp_server() as (box, port):
        opened = Mail(settings, port, box)
        yield opened
        opened.close()


async def test_a_notice_goes_out_once_its_batch_window_has_passed(mail: Mail) -> None:
    emails = mail.open().emails
    await emails.enqueue(*ADA, notice(excerpt="Works on\nmy machine"))
    mail.clock.advance(WINDOW - 1)
    assert await emails.send_due() == 0
    mail.clock.advance(1)
    assert await emails.send_due() == 1
    (message,) = await mail.box.wait_for(1)
    assert message["From"] == "Taskdeck <taskdeck@example.com>"
    assert message["To"] == "ada@example.com"
    assert message["Subject"] == "[TD] TD-4 Fix login: Bob moved TD-4 to Done"
    assert message["List-Unsubscribe"] == f"<{PUBLIC_URL}/settings/notifications>"
    text, html = text_and_html(message)
    for body in (text, html):
        assert "Bob moved TD-4 to Done" in body
        assert f"{PUBLIC_URL}/issues/TD-4" in body
        assert f"{PUBLIC_URL}/settings/notifications" in body
    assert "> Works on\n    > my machine" in text
    assert f'<a href="{PUBLIC_URL}/issues/TD-4">' in html
    # Sent means gone from the queue.
    mail.clock.advance(3600)
    assert await emails.send_due() == 0


async def test_changes_to_one_issue_within_the_window_go_out_as_one_email(mail: Mail) -> None:
    emails = mail.open().emails
    summaries = ["Bob moved TD-4 to Done", "Bob commented on TD-4", "Cy assigned TD-4 to you"]
    for summary in summaries:
        await emails.enqueue(*ADA, notice(summary))
        mail.clock.advance(3)
    await emails.enqueue(*ADA, notice("Bob moved TD-9 to Done", issue_key="TD-9"))
    mail.clock.advance(WINDOW)
    assert await emails.send_due() == 2
    messages = await mail.box.wait_for(2)
    by_subject = {message["Subject"]: message for message in messages}
    assert set(by_subject) == {
        "[TD] TD-4 Fix login: 3 updates",
        "[TD] TD-9 Fix login: Bob moved TD-9 to Done",
    }
    text, html = text_and_html(by_subject["[TD] TD-4 Fix login: 3 updates"])
    for summary in summaries:
        assert text.count(summary) == 1
        assert html.count(summary) == 1


async def test_the_first_notice_fixes_when_the_batch_goes(mail: Mail) -> None:
    emails = mail.open().emails
    await emails.enqueue(*ADA, notice("first"))
    mail.clock.advance(WINDOW - 1)
    await emails.enqueue(*ADA, notice("second"))
    mail.clock.advance(1)
    assert await emails.send_due() == 1


async def test_the_same_event_enqueued_twice_is_listed_once(mail: Mail) -> None:
    emails = mail.open().emails
    same = notice("Bob commented on TD-4", excerpt="once")
    await emails.enqueue(*ADA, same)
    await emails.enqueue(*ADA, same)
    mail.clock.advance(WINDOW)
    await emails.send_due()
    (message,) = await mail.box.wait_for(1)
    assert message["Subject"] == "[TD] TD-4 Fix login: Bob commented on TD-4"
    text, _ = text_and_html(message)
    assert text.count("Bob commented on TD-4") == 1


async def test_titles_and_comments_are_escaped_in_the_html(mail: Mail) -> None:
    emails = mail.open().emails
    title = '<script>alert("x")</script> & co'
    await emails.enqueue(*ADA, notice(issue_title=title, excerpt="<img src=x onerror=alert(1)>"))
    mail.clock.advance(WINDOW)
    await emails.send_due()
    (message,) = await mail.box.wait_for(1)
    text, html = text_and_html(message)
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert title in text
    assert title in message["Subject"]


async def test_a_server_that_is_down_is_tried_again_with_backoff_until_it_is_back(
    settings: Settings,
) -> None:
    mail = Mail(settings, free_port())
    try:
        emails = mail.open().emails
        await emails.enqueue(*ADA, notice())
        mail.clock.advance(WINDOW)
        assert await emails.send_due() == 0  # refused: the first retry is 15-30 s away
        with smtp_server(mail.port, mailbox=mail.box):
            mail.clock.advance(14)
            assert await emails.send_due() == 0
            assert mail.box.messages == []
            mail.clock.advance(16)
            assert await emails.send_due() == 1
            assert len(await mail.box.wait_for(1)) == 1
    finally:
        mail.close()


async def test_a_refused_address_is_not_tried_again(settings: Settings) -> None:
    box = Mailbox(refused=frozenset({"ada@example.com"}))
    with smtp_server(mailbox=box) as (_, port):
        mail = Mail(settings, port, box)
        try:
            emails = mail.open().emails
            await emails.enqueue(*ADA, notice())
            for _ in range(5):
                mail.clock.advance(3600)
                assert await emails.send_due() == 0
            assert mail.box.offered == ["ada@example.com"]
            assert mail.box.messages == []
        finally:
            mail.close()


async def test_what_a_stopped_worker_left_is_sent_by_the_next_one(mail: Mail) -> None:
    first = mail.open()
    first.emails.start()
    await first.emails.enqueue(*ADA, notice())
    await first.emails.stop()
    first.close()
    mail.clock.advance(WINDOW)
    second = mail.open()
    second.emails.start()
    try:
        (message,) = await mail.box.wait_for(1)
    finally:
        await second.emails.stop()
    assert message["Subject"] == "[TD] TD-4 Fix login: Bob moved TD-4 to Done"


class Stuck:
    """A notifier whose sends never finish (a process that dies mid-send)."""

    def __init__(self) -> None:
        self.started = asyncio.Event()

    async def send(self, message: OutgoingEmail) -> None:
        """Hang."""
        self.started.set()
        await asyncio.Event().wait()


async def test_a_send_cut_short_goes_out_once_its_claim_runs_out(mail: Mail) -> None:
    dying = mail.open()
    stuck = Stuck()
    worker = Emails(dying.context, stuck, public_url=PUBLIC_URL, batch_window=WINDOW_DELTA)
    await worker.enqueue(*ADA, notice())
    mail.clock.advance(WINDOW)
    worker.start()
    await asyncio.wait_for(stuck.started.wait(), 10)
    await worker.stop()
    emails = mail.open().emails
    assert await emails.send_due() == 0  # still claimed
    mail.clock.advance(5 * 60)
    assert await emails.send_due() == 1
    assert len(await mail.box.wait_for(1)) == 1


async def test_two_workers_send_a_batch_once(mail: Mail) -> None:
    if mail.settings.storage_adapter == "dynamodb":
        # moto's threaded server checks a condition and writes without a lock, so two
        # concurrent claims of one batch can both win there (seen in CI); DynamoDB makes
        # a conditional write atomic. The claim itself is the same code on both stores.
        pytest.skip("moto does not make concurrent conditional writes atomic")
    one, other = mail.open().emails, mail.open().emails
    for issue in ("TD-1", "TD-2", "TD-3"):
        await one.enqueue(*ADA, notice(issue_key=issue))
    mail.clock.advance(WINDOW)
    sent = await asyncio.gather(one.send_due(), other.send_due())
    assert sum(sent) == 3
    # Each send returned after the server took the message: the mailbox is complete.
    assert sorted(m["Subject"].split()[1] for m in mail.box.messages) == ["TD-1", "TD-2", "TD-3"]


class EnqueuingWhileSending:
    """Sends through SMTP, but another notice comes in while it does."""

    def __init__(self, smtp: SmtpNotifier, emails: Emails, late: EmailNotice) -> None:
        self.smtp, self.emails, self.late = smtp, emails, late

    async def send(self, message: OutgoingEmail) -> None:
        """Enqueue the late notice, then send."""
        await self.emails.enqueue(*ADA, self.late)
        await self.smtp.send(message)


async def test_a_notice_that_comes_in_during_a_send_goes_in_the_next_email(mail: Mail) -> None:
    container = mail.open()
    smtp = SmtpNotifier("127.0.0.1", port=mail.port, sender="td@example.com")
    racing = Emails(
        container.context,
        EnqueuingWhileSending(smtp, container.emails, notice("late")),
        public_url=PUBLIC_URL,
        batch_window=WINDOW_DELTA,
    )
    await container.emails.enqueue(*ADA, notice("early"))
    mail.clock.advance(WINDOW)
    assert await racing.send_due() == 1
    mail.clock.advance(WINDOW)
    assert await container.emails.send_due() == 1
    first, second = await mail.box.wait_for(2)
    assert first["Subject"].endswith(": early")
    assert second["Subject"].endswith(": late")


async def test_without_an_smtp_server_nothing_is_queued(mail: Mail) -> None:
    off = mail.open(smtp_host=None).emails
    assert not off.enabled
    await off.enqueue(*ADA, notice())
    mail.clock.advance(WINDOW)
    assert await mail.open().emails.send_due() == 0
    assert mail.box.messages == []


async def test_a_long_batch_lists_fifty_notices_and_counts_the_rest(mail: Mail) -> None:
    emails = mail.open().emails
    for number in range(52):
        await emails.enqueue(*ADA, notice(f"change {number:02d}"))
    mail.clock.advance(WINDOW)
    await emails.send_due()
    (message,) = await mail.box.wait_for(1)
    assert message["Subject"] == "[TD] TD-4 Fix login: 52 updates"
    text, html = text_and_html(message)
    assert "change 49" in text
    assert "change 50" not in text
    assert "And 2 more updates." in text
    assert "And 2 more updates." in html


async def test_a_comment_reaches_the_assignee_by_email_through_the_dispatcher(mail: Mail) -> None:
    container = mail.open()
    ada = await container.accounts.sign_up(email="ada@example.com", password=PASSWORD, name="Ada")
    bo = await container.accounts.sign_up(email="bo@example.com", password=PASSWORD, name="Bo")
    await container.projects.create(ada["id"], key="TD", name="Taskdeck")
    await container.members.add(ada["id"], "TD", who=bo["id"], email=None, role=Role.MEMBER)
    await container.issues.create(ada["id"], "TD", {"title": "Fix login", "assignee": bo["id"]})
    await container.comments.add(ada["id"], "TD-1", "Any <news>?")
    dispatcher = Dispatcher(container.context, container.fanout)
    while await dispatcher.run_once():
        pass
    await dispatcher.stop()
    mail.clock.advance(WINDOW)
    assert await container.emails.send_due() == 1
    (message,) = await mail.box.wait_for(1)
    assert message["To"] == "bo@example.com"
    assert message["Subject"] == "[TD] TD-1 Fix login: 2 updates"
    text, html = text_and_html(message)
    assert "Ada assigned TD-1 to you" in text
    assert "Ada commented on TD-1" in text
    assert "Any &lt;news&gt;?" in html

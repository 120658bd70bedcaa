"""The composition root: configuration in, adapters and services out. The only place
that knows which adapter serves which port."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from taskdeck.config import Settings
from taskdeck.ports import (
    Blobs,
    Clock,
    EmailSubscriptions,
    Identity,
    Notifier,
    Table,
    WebhookTransport,
)
from taskdeck.services.accounts import Accounts
from taskdeck.services.attachments import Attachments
from taskdeck.services.board import Board
from taskdeck.services.comments import Comments
from taskdeck.services.context import Context, SystemClock
from taskdeck.services.ids import IdGenerator
from taskdeck.services.issue_listing import IssueListing
from taskdeck.services.issues import Issues
from taskdeck.services.links import Links
from taskdeck.services.live import LiveEvents
from taskdeck.services.members import Members
from taskdeck.services.moves import Moves
from taskdeck.services.notifications import EmailSubscribers, Notifications
from taskdeck.services.projects import Projects
from taskdeck.services.sprints import Sprints
from taskdeck.services.tokens import AccessTokens, StreamTickets
from taskdeck.services.watchers import Watchers
from taskdeck.services.webhooks import Webhooks
from taskdeck.services.workflow_edits import WorkflowEdits
from taskdeck.services.worklogs import Worklogs

if TYPE_CHECKING:
    from taskdeck.services.dispatcher import Dispatcher
    from taskdeck.services.emails import Emails
    from taskdeck.services.fanout import Fanout
    from taskdeck.services.forecasts import Forecasts
    from taskdeck.services.reminders import Reminders
    from taskdeck.services.report_flow import FlowReports
    from taskdeck.services.report_time import TimeReports
    from taskdeck.services.reports import Reports
    from taskdeck.services.webhook_delivery import WebhookDeliverer

KEY_FILE = "secret.key"


@dataclass(frozen=True)
class Container:
    """Everything the API, the CLI and the tests use, built once."""

    settings: Settings
    table: Table
    blobs: Blobs
    context: Context
    identity: Identity
    accounts: Accounts
    projects: Projects
    members: Members
    issues: Issues
    listing: IssueListing
    moves: Moves
    board: Board
    workflow_edits: WorkflowEdits
    sprints: Sprints
    attachments: Attachments
    comments: Comments
    watchers: Watchers
    links: Links
    worklogs: Worklogs
    notifications: Notifications
    live: LiveEvents

    def close(self) -> None:
        """Release the store."""
        self.table.close()

    # Made, and their code imported, when first used: the background services (on
    # Lambda, the API function runs none of them: the stream processor delivers)...

    @cached_property
    def webhook_transport(self) -> WebhookTransport:
        """The HTTP client of webhook deliveries, shared by the webhooks service and the
        deliverer (httpx is imported as it is made: about 17 ms no other request needs)."""
        from taskdeck.adapters.notify.webhook import HttpWebhookTransport

        return HttpWebhookTransport()

    @cached_property
    def webhooks(self) -> Webhooks:
        """Projects' webhooks, and the queue of their deliveries."""
        return Webhooks(
            self.context,
            self.projects,
            self.webhook_transport,
            allow_private=self.settings.webhook_allow_private,
            on_enqueued=self._wake_deliverer,
        )

    @cached_property
    def webhook_deliverer(self) -> WebhookDeliverer:
        """Sends the queued webhook deliveries."""
        from taskdeck.services.webhook_delivery import WebhookDeliverer

        return WebhookDeliverer(
            self.context, self.webhook_transport, allow_private=self.settings.webhook_allow_private
        )

    def _wake_deliverer(self) -> None:
        """New deliveries are queued: wake the deliverer, if this process made one (only
        a started one waits to be woken)."""
        if "webhook_deliverer" in self.__dict__:
            self.webhook_deliverer.wake()

    @cached_property
    def emails(self) -> Emails:
        """The email queue and its sender."""
        from taskdeck.services.emails import Emails

        settings = self.settings
        return Emails(
            self.context,
            build_notifier(settings),
            public_url=settings.public_url,
            batch_window=timedelta(seconds=settings.email_batch_seconds),
        )

    @cached_property
    def fanout(self) -> Fanout:
        """Turns outbox events into inbox entries, emails and webhook deliveries."""
        from taskdeck.services.fanout import Fanout

        fanout = Fanout(self.context)
        fanout.listen(self.webhooks.enqueue)
        fanout.send_email_with(self.emails.take)
        return fanout

    @cached_property
    def dispatcher(self) -> Dispatcher:
        """Delivers the outbox through the fan-out, in one process at a time."""
        from taskdeck.services.dispatcher import Dispatcher

        return Dispatcher(self.context, self.fanout)

    @cached_property
    def reminders(self) -> Reminders:
        """Deadline reminders."""
        from taskdeck.services.reminders import Reminders

        return Reminders(self.context, window=timedelta(hours=self.settings.due_soon_hours))

    # ...and the report services: only the report routes use them (`api.app.REPORTS`).

    @cached_property
    def reports(self) -> Reports:
        """Sprint reports: velocity and burndown."""
        from taskdeck.services.reports import Reports

        return Reports(self.context, self.projects)

    @cached_property
    def flow_reports(self) -> FlowReports:
        """Cumulative flow, cycle time and aging work."""
        from taskdeck.services.report_flow import FlowReports

        return FlowReports(self.context, self.projects)

    @cached_property
    def time_reports(self) -> TimeReports:
        """Time tracking, timesheets and the team's figures."""
        from taskdeck.services.report_time import TimeReports

        return TimeReports(self.context, self.projects)

    @cached_property
    def forecasts(self) -> Forecasts:
        """Sprint and backlog forecasts."""
        from taskdeck.services.forecasts import Forecasts

        return Forecasts(self.context, self.projects, self.reports)


def deployment_key(data_dir: Path) -> bytes:
    """The deployment's secret key, made on first run and kept in the data dir.

    Several worker processes may start at once: each writes a candidate and links it
    into place, and the first link wins, so every process ends up with the same key.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / KEY_FILE
    if not path.exists():
        candidate = data_dir / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        candidate.write_bytes(secrets.token_bytes(32))
        os.chmod(candidate, 0o600)
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass
        finally:
            candidate.unlink()
    return path.read_bytes()


def secret_key(settings: Settings) -> bytes:
    """The deployment's secret key: in the table when the store is DynamoDB (processes
    that share a table share no data dir), else in the data dir."""
    if settings.storage_adapter == "dynamodb":
        from taskdeck.adapters.storage.dynamodb_secret import table_secret

        assert settings.table is not None  # Settings refuses DynamoDB without a table
        return table_secret(settings.table)
    return deployment_key(settings.data_dir)


def derive(key: bytes, purpose: str) -> bytes:
    """A sub-key for one purpose, so no two uses share a key."""
    return hmac.new(key, purpose.encode(), hashlib.sha256).digest()


def build_table(settings: Settings, key: bytes) -> Table:
    """The store named by the configuration (boto3 is imported only for DynamoDB)."""
    if settings.storage_adapter == "dynamodb":
        from taskdeck.adapters.storage.dynamodb import DynamoTable

        assert settings.table is not None  # Settings refuses DynamoDB without a table
        return DynamoTable(settings.table, cursor_key=derive(key, "cursor"))

    from taskdeck.adapters.storage.sqlite import SqliteTable

    return SqliteTable(
        settings.data_dir / "taskdeck.db",
        cursor_key=derive(key, "cursor"),
        synchronous=settings.sqlite_synchronous,
    )


def build_blobs(settings: Settings) -> Blobs:
    """The blob store named by the configuration (boto3 is imported only for S3)."""
    if settings.blob_adapter == "s3":
        from taskdeck.adapters.blobs.s3 import S3Blobs

        assert settings.bucket is not None  # Settings refuses S3 without a bucket
        return S3Blobs(settings.bucket)

    from taskdeck.adapters.blobs.local import LocalBlobs

    return LocalBlobs(settings.data_dir / "blobs")


def build_identity(settings: Settings, context: Context, key: bytes) -> Identity:
    """The identity provider named by the configuration (boto3 only for Cognito)."""
    if settings.identity_adapter == "cognito":
        from taskdeck.adapters.identity.cognito import CognitoIdentity

        assert settings.user_pool_id  # Settings refuses Cognito without the pool's ids
        assert settings.user_pool_client_id
        return CognitoIdentity(
            settings.user_pool_id, settings.user_pool_client_id, jwks_url=settings.jwks_url
        )
    # Imported here: argon2 and its compiled binding load only where passwords are kept.
    from argon2 import PasswordHasher

    from taskdeck.services.local_identity import LocalIdentity

    hasher = PasswordHasher(
        time_cost=settings.password_time_cost,
        memory_cost=settings.password_memory_kib,
        parallelism=1,
    )
    return LocalIdentity(context, AccessTokens(derive(key, "access-token")), hasher)


def build_notifier(settings: Settings) -> Notifier | None:
    """Where emails go: the SNS topic, the configured SMTP server, or nowhere (email is
    off). boto3 is imported only for SNS."""
    if not settings.email_enabled:
        return None
    if settings.notify_adapter == "sns":
        from taskdeck.adapters.notify.sns import SnsNotifier

        assert settings.topic_arn is not None  # Settings refuses SNS without a topic
        return SnsNotifier(settings.topic_arn)
    from taskdeck.adapters.notify.smtp import SmtpNotifier

    assert settings.smtp_host is not None  # email is on only with an SMTP host
    password = settings.smtp_password
    return SmtpNotifier(
        settings.smtp_host,
        sender=settings.mail_from,
        port=settings.smtp_port,
        tls=settings.smtp_tls,
        username=settings.smtp_username,
        password=password.get_secret_value() if password else None,
    )


def build_email_subscriptions(settings: Settings) -> EmailSubscriptions | None:
    """Who subscribes people's addresses to their email: the SNS topic does; SMTP
    addresses each email itself and needs no subscriptions."""
    if settings.notify_adapter != "sns":
        return None
    from taskdeck.adapters.notify.sns import SnsSubscriptions

    assert settings.topic_arn is not None  # Settings refuses SNS without a topic
    return SnsSubscriptions(settings.topic_arn)


def bootstrap(settings: Settings | None = None, *, clock: Clock | None = None) -> Container:
    """Build every adapter and service from the configuration."""
    settings = settings or Settings()
    key = secret_key(settings)
    table = build_table(settings, key)
    context = Context(table=table, clock=clock or SystemClock(), ids=IdGenerator())
    identity = build_identity(settings, context, key)
    accounts = Accounts(context, identity)
    subscribers = EmailSubscribers(context, build_email_subscriptions(settings))
    projects = Projects(context, subscribers)
    issues = Issues(context, projects)
    blobs = build_blobs(settings)
    return Container(
        settings=settings,
        table=table,
        blobs=blobs,
        context=context,
        identity=identity,
        accounts=accounts,
        projects=projects,
        members=Members(context, projects, accounts, subscribers),
        issues=issues,
        listing=IssueListing(context, projects),
        moves=Moves(context, projects),
        board=Board(context, projects),
        workflow_edits=WorkflowEdits(context, projects),
        sprints=Sprints(context, projects),
        attachments=Attachments(
            context,
            issues,
            blobs,
            max_bytes=settings.max_upload_mb * 1024 * 1024,
            redirect_downloads=settings.downloads == "redirect",
        ),
        comments=Comments(context, issues),
        watchers=Watchers(context, issues),
        links=Links(context, issues),
        worklogs=Worklogs(context, issues),
        notifications=Notifications(context, subscribers),
        live=LiveEvents(context, projects, StreamTickets(derive(key, "stream-ticket"))),
    )

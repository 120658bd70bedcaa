"""Configuration: `TASKDECK_` environment variables, read only by the composition root."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting Taskdeck reads, with its default (see README.md, Configuration)."""

    model_config = SettingsConfigDict(env_prefix="TASKDECK_", extra="ignore")

    data_dir: Path = Path("./data")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    backend: Literal["local", "aws"] = "local"
    storage: Literal["sqlite", "dynamodb"] | None = None
    table: str | None = None
    """The DynamoDB table's name (needed when the store is DynamoDB)."""
    bucket: str | None = None
    """The S3 bucket for attachments (`taskdeck aws-init` creates it)."""
    blobs: Literal["local", "s3"] | None = None
    """Where attachments are kept: files under the data dir, or the S3 bucket."""
    topic: str | None = None
    """The SNS topic's name for `taskdeck aws-init`; it prints the ARN."""
    notify: Literal["local", "sns"] | None = None
    """How emails go out: `local` through the SMTP server (when one is named), or `sns`
    published to the SNS topic, whose email subscribers receive them."""
    topic_arn: str | None = Field(default=None, pattern=r"^arn:[\w-]+:sns:")
    """The SNS topic's ARN that notices are published to (`taskdeck aws-init` prints it)."""
    user_pool: str | None = None
    """The Cognito user pool's name for `taskdeck aws-init`; it prints the ids."""
    identity: Literal["local", "cognito"] | None = None
    """Who signs people in: local accounts, or the Cognito user pool."""
    user_pool_id: str | None = Field(default=None, pattern=r"^[\w-]+_[0-9a-zA-Z]+$")
    """The Cognito user pool's id (`<region>_<id>`, as `taskdeck aws-init` prints it)."""
    user_pool_client_id: str | None = Field(default=None, pattern=r"^[\w+]+$")
    """The id of the pool's app client that Taskdeck signs people in through."""
    jwks_url: str | None = Field(default=None, pattern=r"^https?://")
    """Where the pool's signing keys are fetched. By default the pool's issuer's
    `/.well-known/jwks.json`; an emulator serves them elsewhere."""
    public_url: str = "http://127.0.0.1:8000"
    """The address people reach Taskdeck at: the links in emails start with it."""
    smtp_host: str | None = None
    """The SMTP server emails go out through; empty or unset: no email is sent."""
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_username: str | None = None
    """Sign in to the SMTP server with this name and `smtp_password` (unset: no sign-in)."""
    smtp_password: SecretStr | None = None
    smtp_tls: Literal["none", "starttls", "tls"] = "none"
    """`starttls`: upgrade the connection (port 587); `tls`: TLS from the start (465)."""
    mail_from: str = Field(default="Taskdeck <taskdeck@localhost>", pattern=r"@")
    """The sender of every email."""
    email_batch_seconds: int = Field(default=10, ge=0, le=86_400)
    """Changes to one issue within this many seconds go out to a person as one email."""
    due_soon_hours: int = Field(default=24, ge=1, le=720)
    """An open issue's assignee and watchers hear "due soon" once the end of its due day
    (UTC) is at most this many hours away (24: from the start of the due day)."""
    webhook_allow_private: bool = False
    """Let webhooks reach loopback, private and link-local addresses (tests, or receivers
    inside a trusted network); by default such URLs are refused."""
    sqlite_synchronous: Literal["FULL", "NORMAL"] = "FULL"
    """FULL: every acknowledged write survives a power cut. NORMAL: survives a crash of
    the process, not of the machine."""
    password_time_cost: int = Field(default=3, ge=1, le=20)
    password_memory_kib: int = Field(default=65_536, ge=8, le=4_194_304)
    max_json_bytes: int = Field(default=1_048_576, ge=1024)
    max_upload_mb: int = Field(default=25, ge=1, le=5120)
    """The largest attachment, in MiB (larger uploads get 413 and store nothing)."""
    downloads: Literal["redirect", "stream"] = "redirect"
    """How attachment bytes are served when the blob store presigns URLs (S3): a 307 to
    the presigned URL, or streamed through the API."""
    web_dir: Path = Path(__file__).resolve().parent.parent / "web" / "dist"
    """The built web app served at `/` (`make web` builds it): by default the source
    checkout's `web/dist`."""
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    access_log: bool = True
    background: Literal["inline", "process"] = "inline"
    """Where the background work runs (outbox delivery, reminders, emails, webhook
    retries, blob sweeps): `inline`, in the HTTP workers' processes (a lease keeps
    delivery to one); `process`, in a process of its own that `taskdeck serve` starts
    beside them (`taskdeck work`), so that a burst of deliveries never waits for, or
    holds up, a request on a worker's event loop. Inline is the default: on SQLite the
    separate process contends for the database's write lock and a core (measured on 2
    cores: POST 1,801 -> 1,325 req/s, RSS 90 -> 152 MB) for a small gain in the p99 of
    reads during a delivery burst (docs/notifications.md)."""
    metrics_namespace: str = Field(default="Taskdeck", min_length=1, max_length=255)
    """The CloudWatch namespace of the metrics the Lambda functions write (embedded
    metric format); locally the same figures are on `/metrics`."""
    freeze_heap: bool = True
    """Collect once at start-up, then freeze what exists (`gc.freeze`), so the collector
    never walks it again, and collect young objects less often (`background.YOUNG_OBJECTS`).
    Tests turn it off: a full collection of a test process's heap (moto's state included)
    takes seconds, at every app start."""

    @property
    def email_enabled(self) -> bool:
        """Whether emails are sent: through the SNS topic, or an SMTP server is named."""
        return self.notify_adapter == "sns" or bool(self.smtp_host)

    @property
    def notify_adapter(self) -> Literal["local", "sns"]:
        """How emails go out: the explicit override, else SNS on the AWS backend once a
        topic is named (without one, email goes through SMTP, if a server is named)."""
        if self.notify is not None:
            return self.notify
        return "sns" if self.backend == "aws" and self.topic_arn else "local"

    @property
    def storage_adapter(self) -> Literal["sqlite", "dynamodb"]:
        """The store to use: the explicit override, else the backend's default."""
        if self.storage is not None:
            return self.storage
        return "dynamodb" if self.backend == "aws" else "sqlite"

    @property
    def blob_adapter(self) -> Literal["local", "s3"]:
        """The blob store to use: the explicit override, else S3 on the AWS backend
        once a bucket is named (without one, attachments stay in the data dir)."""
        if self.blobs is not None:
            return self.blobs
        return "s3" if self.backend == "aws" and self.bucket else "local"

    @property
    def identity_adapter(self) -> Literal["local", "cognito"]:
        """Who signs people in: the explicit override, else Cognito on the AWS backend
        once a user pool is named (without one, accounts stay local)."""
        if self.identity is not None:
            return self.identity
        return "cognito" if self.backend == "aws" and self.user_pool_id else "local"

    @model_validator(mode="after")
    def _pool_named_for_cognito(self) -> Settings:
        if self.identity_adapter == "cognito" and not (
            self.user_pool_id and self.user_pool_client_id
        ):
            raise ValueError(
                "Cognito sign-in needs the user pool: set TASKDECK_USER_POOL_ID and "
                "TASKDECK_USER_POOL_CLIENT_ID (`taskdeck aws-init` prints both)"
            )
        return self

    @model_validator(mode="after")
    def _bucket_named_for_s3(self) -> Settings:
        if self.blob_adapter == "s3" and not self.bucket:
            raise ValueError("the S3 blob store needs a bucket name: set TASKDECK_BUCKET")
        return self

    @model_validator(mode="after")
    def _topic_named_for_sns(self) -> Settings:
        if self.notify_adapter == "sns" and not self.topic_arn:
            raise ValueError(
                "SNS notifications need the topic: set TASKDECK_TOPIC_ARN "
                "(`taskdeck aws-init` prints it)"
            )
        return self

    @model_validator(mode="after")
    def _table_named_for_dynamodb(self) -> Settings:
        if self.storage_adapter == "dynamodb" and not self.table:
            raise ValueError("the DynamoDB store needs a table name: set TASKDECK_TABLE")
        return self

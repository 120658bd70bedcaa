"""Configuration: `TASKDECK_` environment variables, read only by the composition root."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
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
    topic: str | None = None
    """The SNS topic's name for `taskdeck aws-init`; it prints the ARN."""
    user_pool: str | None = None
    """The Cognito user pool's name for `taskdeck aws-init`; it prints the ids."""
    public_url: str = "http://127.0.0.1:8000"
    sqlite_synchronous: Literal["FULL", "NORMAL"] = "FULL"
    """FULL: every acknowledged write survives a power cut. NORMAL: survives a crash of
    the process, not of the machine."""
    password_time_cost: int = Field(default=3, ge=1, le=20)
    password_memory_kib: int = Field(default=65_536, ge=8, le=4_194_304)
    max_json_bytes: int = Field(default=1_048_576, ge=1024)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    access_log: bool = True

    @property
    def storage_adapter(self) -> Literal["sqlite", "dynamodb"]:
        """The store to use: the explicit override, else the backend's default."""
        if self.storage is not None:
            return self.storage
        return "dynamodb" if self.backend == "aws" else "sqlite"

    @model_validator(mode="after")
    def _table_named_for_dynamodb(self) -> Settings:
        if self.storage_adapter == "dynamodb" and not self.table:
            raise ValueError("the DynamoDB store needs a table name: set TASKDECK_TABLE")
        return self

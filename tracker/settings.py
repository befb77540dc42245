"""The tracker's settings: the only module that reads the environment.

Every field is read from a `TRACKER_`-prefixed environment variable (or a `.env` file in the
working directory). `docs/configuration.md` is generated from this class by
`tracker config reference`; a test fails when the two differ.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from platformdirs import user_data_path
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tracker.core.durations import parse_duration
from tracker.errors import ConfigError
from tracker.names import DATABASE_FILENAME, ENV_PREFIX

_PLACEHOLDERS = {"changeme" * 4, "secret" * 6, "x" * 32, "0" * 32}


class LogFormat(StrEnum):
    """How log lines are written."""

    HUMAN = "human"
    JSON = "json"


def default_extract_processes() -> int:
    """One extraction process when this process may use two cores or more, else none."""
    try:
        cores = len(os.sched_getaffinity(0))  # what this process may use (containers, taskset)
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return 1 if cores >= 2 else 0


def _default_data_dir() -> Path:
    return user_data_path("tracker", appauthor=False)


class Settings(BaseSettings):
    """Everything an operator can set. Field descriptions are the configuration reference."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
    )

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description=(
            "Folder for the tracker's own files: the default SQLite database lives here. "
            "Created on first use."
        ),
        json_schema_extra={"doc_default": "the user data folder, e.g. `~/.local/share/tracker`"},
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database. Unset: a SQLite file `tracker.sqlite3` in `data_dir`. "
            "For PostgreSQL: `postgresql+psycopg://user@host:5432/dbname` "
            "(install the `postgres` extra)."
        ),
        json_schema_extra={"doc_default": "SQLite file in `data_dir`"},
    )
    sqlite_busy_timeout_ms: int = Field(
        default=30_000,
        ge=0,
        le=600_000,
        description=(
            "How long a SQLite writer waits for another writer's lock before giving up, in "
            "milliseconds. Writers queue behind each other instead of failing."
        ),
    )
    fetch_connect_timeout: float = Field(
        default=5.0, gt=0, le=120, description="Seconds to wait for a source's server to accept."
    )
    fetch_read_timeout: float = Field(
        default=20.0,
        gt=0,
        le=600,
        description="Seconds to wait for a source's server between bytes (and, doubled, in all).",
    )
    fetch_max_bytes: int = Field(
        default=5_000_000,
        gt=0,
        description="Largest body read from a source, after decompression; larger is an error.",
    )
    fetch_per_host_limit: int = Field(
        default=2, ge=1, le=32, description="Most requests in flight to one host at a time."
    )
    fetch_workers: int = Field(
        default=4, ge=1, le=64, description="Sources polled in parallel by one process."
    )
    extract_processes: int = Field(
        default_factory=default_extract_processes,
        ge=0,
        le=32,
        description=(
            "Processes that read articles while polling stores them (0: the poller reads them "
            "itself). They start on the first batch of four or more new articles and stop after "
            "two idle minutes. With two cores, one ingests about a third faster, for about "
            "100 MB more memory while it runs."
        ),
        json_schema_extra={"doc_default": "1 with two or more cores, else 0"},
    )
    allow_private_addresses: bool = Field(
        default=True,
        description=(
            "Allow sources on loopback and private networks (a home server's feed). Set to "
            "false on a shared instance where people other than the operator add sources."
        ),
    )
    default_interval: str = Field(
        default="1h",
        description="How often a new source is polled unless `--interval` says otherwise.",
    )
    lease_seconds: int = Field(
        default=600,
        ge=10,
        description=(
            "How long a process owns a source it is polling; after a crash, another process "
            "takes the source over once this has passed."
        ),
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description=(
            "Instance secret from which feed tokens are derived (at least 32 characters). "
            "Unset: a random one is created in `data_dir/secret.key` on first use. Kept apart "
            "from the database, so a copy of the database alone reveals no feed URL. Replicas "
            "sharing one PostgreSQL must share it."
        ),
    )
    serve_host: str = Field(
        default="127.0.0.1",
        description="Address `tracker serve` and `tracker daemon --serve` listen on by default.",
    )
    base_url: str = Field(
        default="http://127.0.0.1:8080",
        description=(
            "The address people reach `tracker serve` at, used in feed links "
            "(e.g. `https://tracker.example.org`)."
        ),
    )
    feed_refresh: str = Field(
        default="6h",
        description="How often calendar apps are asked to refresh a feed (REFRESH-INTERVAL).",
    )
    dispute_window: str = Field(
        default="14d",
        description=(
            "Claims published this close to the newest one compete for a release's date; "
            "incompatible ones among them make it disputed. Older disagreeing claims were "
            "overtaken."
        ),
    )
    feed_past_days: int = Field(
        default=30,
        ge=0,
        description="Days of the past a feed still shows (and how long a cancelled release stays).",
    )
    alert_timeout: float = Field(
        default=15.0, gt=0, le=300, description="Seconds one alert may take to send."
    )
    alert_max_attempts: int = Field(
        default=8, ge=1, le=50, description="Tries before a failing alert is given up."
    )
    alert_retry_base: str = Field(
        default="30s", description="Wait after an alert's first failure; it doubles each time."
    )
    alert_retry_ceiling: str = Field(
        default="6h", description="The longest wait between two tries of one alert."
    )
    alert_lease_seconds: int = Field(
        default=120,
        ge=10,
        description=(
            "How long a process owns an alert it is sending; after a crash another process "
            "sends it once this has passed (so a crash can duplicate only alerts in flight)."
        ),
    )
    allow_private_channels: bool = Field(
        default=True,
        description=(
            "Allow alert channels on loopback and private networks (a local ntfy or mail "
            "server). Set to false where people other than the operator add channels."
        ),
    )
    poll_every: str = Field(
        default="30s", description="How often the daemon looks for sources that are due."
    )
    alerts_every: str = Field(
        default="10s", description="How often the daemon sends the alerts that are due."
    )
    housekeeping_every: str = Field(
        default="1h",
        description="How often the daemon marks passed releases out, prunes and checkpoints.",
    )
    keep_article_text_days: int = Field(
        default=90,
        ge=0,
        description=(
            "Days an article's full text is kept (its evidence sentences stay forever); "
            "0 keeps texts forever."
        ),
    )
    timezone: str = Field(
        default="UTC",
        description=(
            "IANA time zone in which times are shown to people (e.g. `Europe/Berlin`). "
            "Stored times are always UTC."
        ),
    )
    log_level: str = Field(
        default="INFO",
        description="Lowest level of log lines written: DEBUG, INFO, WARNING or ERROR.",
    )
    log_format: LogFormat = Field(
        default=LogFormat.HUMAN,
        description="Log line format: `human` (one readable line per event) or `json`.",
    )
    debug: bool = Field(
        default=False,
        description="Show full tracebacks for unexpected errors (for bug reports).",
    )

    @field_validator("default_interval")
    @classmethod
    def _valid_interval(cls, value: str) -> str:
        parse_duration(value)
        return value

    @field_validator("secret_key")
    @classmethod
    def _strong_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        raw = value.get_secret_value()
        if len(raw) < 32 or raw.lower() in _PLACEHOLDERS or len(set(raw)) < 8:
            raise ValueError("must be at least 32 random characters (not a placeholder)")
        return value

    @field_validator(
        "alert_retry_base",
        "alert_retry_ceiling",
        "poll_every",
        "alerts_every",
        "housekeeping_every",
    )
    @classmethod
    def _valid_retry(cls, value: str) -> str:
        parse_duration(value)
        return value

    @field_validator("feed_refresh", "dispute_window")
    @classmethod
    def _valid_refresh(cls, value: str) -> str:
        parse_duration(value)
        return value

    @field_validator("base_url")
    @classmethod
    def _http_base(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError(f"unknown log level {value!r}")
        return level

    @field_validator("database_url")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @property
    def effective_database_url(self) -> str:
        """The database URL in use: the configured one, or the default SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / DATABASE_FILENAME}"

    @property
    def zone(self) -> ZoneInfo:
        """The display time zone."""
        return ZoneInfo(self.timezone)


def load_settings(**overrides: Any) -> Settings:
    """Read the settings from the environment, turning validation errors into `ConfigError`."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "settings"
        env = ENV_PREFIX + field.upper()
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"invalid setting {env}: {message}") from None


def configuration_reference() -> str:
    """Render the configuration reference (Markdown) from the `Settings` fields."""
    lines = [
        "# Configuration reference",
        "",
        "<!-- Generated by `tracker config reference`; do not edit by hand. -->",
        "",
        f"Every setting is an environment variable with the `{ENV_PREFIX}` prefix; a `.env` file "
        "in the working directory is read too. `tracker config show` prints the values in effect.",
        "",
        "| variable | type | default | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for name, field in Settings.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        if "doc_default" in extra:
            default = str(extra["doc_default"])
        else:
            value = field.default.value if isinstance(field.default, StrEnum) else field.default
            default = f"`{value}`"
        annotation = getattr(field.annotation, "__name__", None) or str(field.annotation)
        annotation = annotation.replace("typing.", "").replace("NoneType", "None")
        description = (field.description or "").replace("|", "\\|")
        lines.append(f"| `{ENV_PREFIX}{name.upper()}` | {annotation} | {default} | {description} |")
    return "\n".join(lines) + "\n"

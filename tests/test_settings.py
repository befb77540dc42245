from __future__ import annotations

from pathlib import Path

import pytest

from tracker.errors import ConfigError
from tracker.settings import Settings, load_settings


def test_default_database_is_a_sqlite_file_in_the_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path))
    settings = load_settings()
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'tracker.sqlite3'}"


def test_database_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", "postgresql+psycopg://me@db.example/tracker")
    assert load_settings().effective_database_url == "postgresql+psycopg://me@db.example/tracker"
    monkeypatch.setenv("TRACKER_DATABASE_URL", "  ")
    monkeypatch.setenv("TRACKER_DATA_DIR", "/srv/tracker")
    assert load_settings().effective_database_url == "sqlite:////srv/tracker/tracker.sqlite3"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("TRACKER_TIMEZONE", "Mars/Olympus", "unknown time zone"),
        ("TRACKER_LOG_LEVEL", "loud", "unknown log level"),
        ("TRACKER_SQLITE_BUSY_TIMEOUT_MS", "-5", "greater than or equal"),
        ("TRACKER_LOG_FORMAT", "xml", "human"),
    ],
)
def test_invalid_settings_are_one_clear_config_error(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings()
    assert name in str(raised.value)
    assert raised.value.exit_code == 3


def test_every_field_is_described() -> None:
    for name, field in Settings.model_fields.items():
        assert len(field.description or "") > 20, name

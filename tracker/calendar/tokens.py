"""Feed tokens: unguessable, one per subscription, revocable, never stored in the clear.

A token is an HMAC of the subscription's id and salt under the instance secret. The database
keeps only the salt and the token's SHA-256, so a copy of the database alone reveals no feed
URL, while `tracker feed url` can print the same URL as often as asked. Rotating changes the
salt: the old token stops matching at once. A presented token is hashed and looked up by its
hash, so checking it leaks nothing through timing about how much of it was right.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from tracker.errors import ConfigError
from tracker.folders import make_folder

SECRET_FILENAME = "secret.key"


def derive_token(secret: bytes, *, subscription_id: int, salt: str) -> str:
    """The subscription's feed token: 32 URL-safe characters (190 bits).

    >>> len(derive_token(b"k" * 32, subscription_id=1, salt="a"))
    32
    """
    mac = hmac.new(secret, f"feed:{subscription_id}:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")[:32]


def token_hash(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_salt() -> str:
    """A fresh salt: a new token for the same subscription."""
    return secrets.token_hex(16)


def load_or_create_secret(data_dir: Path) -> bytes:
    """The instance secret from `data_dir/secret.key`, created (mode 0600) on first use."""
    path = data_dir / SECRET_FILENAME
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        pass  # made below, with the folder if need be
    except OSError as error:
        raise ConfigError(f"cannot read the instance secret {path}: {error.strerror}") from None
    make_folder(data_dir, what="the data folder (TRACKER_DATA_DIR)")
    fresh = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(fresh)
    return fresh


def form_token(secret: bytes, token: str) -> str:
    """The anti-forgery value the page's forms carry: derived, so no session is kept.

    A form posted from another site cannot know it without knowing the feed token, which is the
    capability the page already rests on; it is also bound to this instance's secret.
    """
    mac = hmac.new(secret, f"form:{token}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode()

"""Sending one e-mail: through SMTP when ``smtp_url`` is set, else into ``<data_dir>/mails/``.

``smtp_url`` reads ``scheme://[user[:password]@]host[:port]``: ``smtp://`` talks plain SMTP
(a local relay, port 25 by default), ``smtp+starttls://`` upgrades with STARTTLS (port 587),
``smtps://`` opens TLS at once (port 465). User and password are URL-decoded.

Without it (development, tests), each mail is written as a readable ``.eml`` file and its path
logged: open it with any mail client, or read it as text. A deployment in ``prod`` without SMTP
writes the files too, and logs a warning each time: nobody receives those mails.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
import uuid
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from hub.core.db.base import utcnow
from hub.core.settings import SMTP_PORTS

if TYPE_CHECKING:
    from hub.core.hub import Hub

logger = logging.getLogger("hub.mail")

TIMEOUT_SECONDS = 30


async def send_mail(hub: Hub, to: str, subject: str, text: str, html: str | None = None) -> Path | None:
    """Send one mail from ``mail_from`` to ``to``: plain ``text``, with ``html`` as its
    alternative when given. Returns the ``.eml`` file written, or ``None`` when sent by SMTP.
    An SMTP failure raises (``OSError`` or ``smtplib.SMTPException``): the caller's change
    should not be kept as if the mail had left."""
    message = build_message(hub.settings.mail_from, to, subject, text, html)
    if hub.settings.smtp_url is None:
        return _write(Path(hub.settings.data_dir) / "mails", message, warn=hub.settings.env == "prod")
    await asyncio.to_thread(_send_smtp, hub.settings.smtp_url.reveal(), message)
    logger.info("courriel « %s » envoyé à %s", subject, to)
    return None


def build_message(sender: str, to: str, subject: str, text: str, html: str | None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].rstrip(">") or None)
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def _write(folder: Path, message: EmailMessage, *, warn: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{utcnow():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.eml"  # sorted by time of writing
    path.write_bytes(bytes(message))
    if warn:
        logger.warning("smtp_url absent en production : courriel écrit dans %s, personne ne le recevra", path)
    else:
        logger.info("courriel « %s » pour %s écrit dans %s", message["Subject"], message["To"], path)
    return path


def _send_smtp(url: str, message: EmailMessage) -> None:
    parts = urlsplit(url)  # checked when the settings were loaded
    port = parts.port or SMTP_PORTS[parts.scheme]
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if parts.scheme == "smtps":
        client = smtplib.SMTP_SSL(parts.hostname or "", port, timeout=TIMEOUT_SECONDS, context=context)
    else:
        client = smtplib.SMTP(parts.hostname or "", port, timeout=TIMEOUT_SECONDS)
    with client:
        if parts.scheme == "smtp+starttls":
            client.starttls(context=context)
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)

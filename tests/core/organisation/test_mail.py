"""Outgoing mail: a readable ``.eml`` file without SMTP, a real SMTP exchange with it."""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import AsyncIterator
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from hub.core.mail import send_mail
from hub.testing import make_hub


async def test_without_smtp_the_mail_is_written_to_the_folder_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hub = await make_hub(tmp_path, migrate=False)
    try:
        with caplog.at_level(logging.INFO, logger="hub.mail"):
            path = await send_mail(
                hub, "camille@exemple.fr", "Bienvenue", "Bonjour Camille,\n", "<p>Bonjour Camille,</p>"
            )
    finally:
        await hub.shutdown()

    assert path is not None and path.parent == tmp_path / "var" / "mails" and path.suffix == ".eml"
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert (message["From"], message["To"], message["Subject"]) == (
        "Hub de la médiation numérique <ne-pas-repondre@hub.invalid>",
        "camille@exemple.fr",
        "Bienvenue",
    )
    assert message.get_body(("plain",)).get_content() == "Bonjour Camille,\n"
    assert str(path) in caplog.text


class FakeSmtp:
    """Just enough of an SMTP server: greets, accepts AUTH PLAIN and one message per DATA."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.credentials: list[str] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 faux ESMTP\r\n")
        body: list[bytes] | None = None
        while line := await reader.readline():
            if body is not None:
                if line == b".\r\n":
                    self.messages.append(b"".join(body))
                    body = None
                    writer.write(b"250 OK\r\n")
                else:
                    body.append(line)
                continue
            command = line.split(b" ")[0].strip().upper()
            if command == b"EHLO":
                writer.write(b"250-faux\r\n250 AUTH PLAIN\r\n")
            elif command == b"AUTH":
                self.credentials.append(base64.b64decode(line.split()[-1]).decode())
                writer.write(b"235 OK\r\n")
            elif command == b"DATA":
                body = []
                writer.write(b"354 go\r\n")
            elif command == b"QUIT":
                writer.write(b"221 bye\r\n")
                break
            else:
                writer.write(b"250 OK\r\n")
            await writer.drain()
        await writer.drain()
        writer.close()


@pytest.fixture
async def smtp() -> AsyncIterator[tuple[FakeSmtp, int]]:
    fake = FakeSmtp()
    server = await asyncio.start_server(fake.handle, "127.0.0.1", 0)
    yield fake, server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()


async def test_with_smtp_the_mail_is_sent_and_not_written(tmp_path: Path, smtp: tuple[FakeSmtp, int]) -> None:
    fake, port = smtp
    hub = await make_hub(
        tmp_path, migrate=False, smtp_url=f"smtp://hub:mot%40passe@127.0.0.1:{port}", mail_from="hub@exemple.fr"
    )
    try:
        assert await send_mail(hub, "camille@exemple.fr", "Invitation", "Bonjour,\n") is None
    finally:
        await hub.shutdown()

    [raw] = fake.messages
    message = message_from_bytes(raw, policy=policy.default)
    assert (message["From"], message["To"], message["Subject"]) == (
        "hub@exemple.fr",
        "camille@exemple.fr",
        "Invitation",
    )
    assert fake.credentials == ["\x00hub\x00mot@passe"]
    assert not (tmp_path / "var" / "mails").exists()

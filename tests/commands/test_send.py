"""`digest send`: a real SMTP server (aiosmtpd) started by the test receives the issue."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from conftest import REPO, free_port, run_digest

from digest.config import load_config
from digest.pipeline import compile_issue


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content)
        )
        return "250 OK"


@pytest.fixture
def smtp_server():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def issue_with_smtp(tmp_path, port: int):
    config_text = (REPO / "config.yaml").read_text().replace("state: .digest", f"state: {tmp_path / 'state'}")
    config_text += f"\nsmtp:\n  host: 127.0.0.1\n  port: {port}\n  security: none\n"
    config_path = tmp_path / "config.yaml"
    config_path.write_text(config_text)
    (tmp_path / "inbox").symlink_to(REPO / "inbox")
    config = load_config(config_path)
    folder = compile_issue(config, draft=True, out=tmp_path / "issue", date=dt.date(2026, 11, 23)).folder
    return config_path, folder


def test_send_delivers_the_issue_to_every_recipient(tmp_path, smtp_server):
    controller, inbox = smtp_server
    config_path, folder = issue_with_smtp(tmp_path, controller.port)
    result = run_digest("send", str(folder), "--to", "ann@example.org, bob@example.org", "--config", str(config_path))
    assert result.returncode == 0, result.stderr
    [(sender, recipients, data)] = inbox.messages
    assert sender == "weekly@frontier-tech.example"
    assert recipients == ["ann@example.org", "bob@example.org"]
    message = message_from_bytes(data, policy=default)
    assert message["To"] == "ann@example.org, bob@example.org"
    assert message["Subject"].startswith("[DRAFT] Frontier Tech Weekly #1: ")
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["List-Unsubscribe"] == "<https://frontier-tech.example/unsubscribe>"


def test_test_mode_prefixes_the_subject(tmp_path, smtp_server):
    controller, inbox = smtp_server
    config_path, folder = issue_with_smtp(tmp_path, controller.port)
    assert (
        run_digest("send", str(folder), "--to", "me@example.org", "--test", "--config", str(config_path)).returncode
        == 0
    )
    message = message_from_bytes(inbox.messages[0][2], policy=default)
    assert message["Subject"].startswith("[TEST] [DRAFT] Frontier Tech Weekly")


def test_unreachable_server_is_a_clear_error(tmp_path):
    config_path, folder = issue_with_smtp(tmp_path, free_port())
    result = run_digest("send", str(folder), "--to", "me@example.org", "--config", str(config_path))
    assert result.returncode == 1
    assert "sending through 127.0.0.1:" in result.stderr and "Traceback" not in result.stderr


def test_a_username_without_the_password_variable_is_refused(tmp_path, smtp_server):
    controller, _ = smtp_server
    config_path, folder = issue_with_smtp(tmp_path, controller.port)
    config_path.write_text(config_path.read_text() + "  username: ann\n")
    result = run_digest(
        "send", str(folder), "--to", "me@example.org", "--config", str(config_path), env={"DIGEST_SMTP_PASSWORD": ""}
    )
    assert result.returncode == 1
    assert "DIGEST_SMTP_PASSWORD" in result.stderr

"""`digest send ISSUE_DIR --to …`: sending a rendered issue over SMTP.

The password never comes from config or the repository: only from the environment variable
named by `smtp.password_env`.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from pathlib import Path

from digest.archive.folders import MESSAGE, parse_message
from digest.config import Config
from digest.errors import DigestError


class SendError(DigestError):
    pass


def send_issue(folder: Path, recipients: list[str], config: Config, test: bool = False) -> str:
    """Send message.eml of `folder` to `recipients`; returns the subject sent."""
    path = folder / MESSAGE
    try:
        message = parse_message(path.read_bytes())
    except OSError as exc:
        raise SendError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not recipients:
        raise SendError("no recipients: give --to ADDRESS[,ADDRESS…]")
    del message["To"]
    message["To"] = ", ".join(recipients)
    if test:
        subject = str(message["Subject"])
        del message["Subject"]
        message["Subject"] = f"[TEST] {subject}"
    smtp = config.smtp
    password = os.environ.get(smtp.password_env)
    if smtp.username and not password:
        raise SendError(
            f"smtp.username is set but the environment variable {smtp.password_env} holding the password is not"
        )
    try:
        if smtp.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                smtp.host, smtp.port, context=ssl.create_default_context(), timeout=30
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=30)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if smtp.username:
                client.login(smtp.username, password or "")
            client.send_message(message, to_addrs=recipients)
    except (OSError, smtplib.SMTPException) as exc:
        raise SendError(f"sending through {smtp.host}:{smtp.port} ({smtp.security}) failed: {exc}") from None
    return str(message["Subject"])

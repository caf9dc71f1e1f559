"""Outgoing e-mail: SMTP when the deployment configures it, ``.eml`` files otherwise."""

from hub.core.mail.envoi import send_mail

__all__ = ["send_mail"]

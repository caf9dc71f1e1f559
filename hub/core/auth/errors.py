"""Why a login is refused: a French message for the person, and the HTTP status of the page."""

from __future__ import annotations


class LoginError(Exception):
    """A login was refused; no session is opened.

    ``status`` is 400 when the exchange with the browser or the provider went wrong (state,
    provider error), 401 when the identity could not be verified (tokens, signatures), 403
    when the account may not sign in, 503 when the provider cannot be reached."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status

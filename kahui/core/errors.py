"""Domain errors. Services raise them; views show them as messages or form errors."""


class KahuiError(Exception):
    """A rule of the domain refused the request; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(KahuiError):
    """The person may not do this."""


class Conflict(KahuiError):
    """Someone else changed the thing first."""

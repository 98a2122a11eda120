"""Domain errors. Services raise them; HTML views show them as messages or form
errors and the API turns them into one JSON error shape with a 4xx status."""


class KahuiError(Exception):
    """A rule of the domain refused the request; the message is for the user."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(KahuiError):
    status_code = 403


class Conflict(KahuiError):
    status_code = 409

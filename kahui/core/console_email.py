"""The email backend of local development (``make run``): Django's console backend,
printing each message as readable text.

Django builds the message as for any mail server, where a line longer than 78
characters makes the body quoted-printable: a link then breaks across lines with ``=``
at their ends, and "Kāhui" reads "K=C4=81hui". Here the message is built with lines up
to the 998 characters RFC 5322 allows and UTF-8 headers (RFC 6532), so subjects, names
and bodies print as written and every link stays whole and clickable in the
terminal."""

import email.policy

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

READABLE = email.policy.default.clone(max_line_length=998, utf8=True)


class EmailBackend(ConsoleBackend):
    def write_message(self, message) -> None:
        text = message.message(policy=READABLE).as_bytes().decode("utf-8")
        self.stream.write(f"{text}\n{'-' * 79}\n")

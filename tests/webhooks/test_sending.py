"""The POST itself refuses what it must not reach, before any connection is made:
plain http outside development, and names or addresses that are not public."""

import pytest

from kahui.webhooks import sending


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.1/hook",
        "https://192.168.1.20/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://[::1]/hook",
        "http://127.0.0.1:8000/hook",
        "http://hooks.example.org/hook",
    ],
)
def test_private_addresses_and_plain_http_are_refused(settings, url):
    settings.DEBUG = False
    settings.WEBHOOKS_ALLOW_LOCAL = False
    with pytest.raises(sending.RefusedAddress):
        sending.post(url, b"{}", {})


def test_an_unknown_name_is_refused(settings, monkeypatch):
    def no_such_name(*args, **kwargs):
        raise sending.socket.gaierror("no such name")

    monkeypatch.setattr(sending.socket, "getaddrinfo", no_such_name)
    with pytest.raises(sending.RefusedAddress):
        sending.post("https://nowhere.invalid/hook", b"{}", {})

"""A throwaway Dovecot IMAP server for the tests of replies read from a mailbox.

It runs from a temporary directory on a free local port with one mailbox, speaking
plain IMAP (nothing leaves the machine), and is stopped and removed when the test ends.
Debian's ``dovecot-imapd`` provides it (``make system-deps`` installs it)."""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
instance_name = kahui-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
mail_location = maildir:{root}/mail/%u
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {login_user}
first_valid_uid = {uid}
last_valid_uid = {uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  chroot =
}}
"""


@dataclass
class Imap:
    host: str
    port: int
    user: str
    password: str


def available() -> bool:
    return os.path.exists(DOVECOT)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def dovecot() -> Iterator[Imap]:
    root = Path(tempfile.mkdtemp(prefix="kahui-imap-"))
    port = _free_port()
    if os.geteuid() == 0:
        # As root, the Debian package's own users run it, as on a server.
        user, login_user = "dovecot", "dovenull"
        owner = pwd.getpwnam(user)
        uid, gid = owner.pw_uid, owner.pw_gid
    else:
        user = login_user = pwd.getpwuid(os.geteuid()).pw_name
        uid, gid = os.geteuid(), os.getegid()
    group = grp.getgrgid(gid).gr_name
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir()
    (root / "passwd").write_text("replies:{PLAIN}secret\n")
    (root / "dovecot.conf").write_text(
        CONFIG.format(
            root=root, port=port, user=user, group=group, login_user=login_user, uid=uid, gid=gid
        )
    )
    for path in [root, *root.iterdir()]:
        os.chown(path, uid, gid) if os.geteuid() == 0 else None
    os.chmod(root, 0o755)
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                    if conn.recv(100).startswith(b"* OK"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                out = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"Dovecot did not start:\n{out}\n{log}")
            time.sleep(0.1)
        yield Imap(host="127.0.0.1", port=port, user="replies", password="secret")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)

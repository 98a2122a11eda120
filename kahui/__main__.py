"""The ``kahui`` console script: Django's manage.py with friendlier command names.

``kahui seed-demo`` and ``kahui seed_demo`` are the same command; ``kahui serve``
runs the web server together with a background worker, with debug on and links
pointing at the address it serves.
"""

import os
import sys

from kahui.core.local_server import serve_address, site_url_for

# Commands only ever run on a developer's machine: they show Django's debug pages
# unless KAHUI_DEBUG says otherwise. Everything else (a deployment) runs without.
LOCAL_SERVER_COMMANDS = {"serve", "runserver"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kahui.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    if len(args) > 1 and args[1] == "worker":
        args[1] = "db_worker"
    if len(args) > 1 and args[1] in LOCAL_SERVER_COMMANDS:
        # Set before the settings load; the autoreloader's child process, the worker
        # and the scheduler inherit them. Links in emails and calendar feeds point at
        # the address being served unless KAHUI_SITE_URL says otherwise.
        os.environ.setdefault("KAHUI_DEBUG", "true")
        addrport = args[2] if len(args) > 2 and not args[2].startswith("-") else None
        if args[1] == "serve":
            addrport = serve_address(addrport)
        os.environ.setdefault("KAHUI_SITE_URL", site_url_for(addrport or "127.0.0.1:8000"))
    execute_from_command_line(args)


if __name__ == "__main__":
    main()

"""The ``kahui`` console script: Django's manage.py with friendlier command names.

``kahui seed-demo`` and ``kahui seed_demo`` are the same command; ``kahui serve``
runs the web server together with a background worker.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kahui.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    if len(args) > 1 and args[1] == "worker":
        args[1] = "db_worker"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()

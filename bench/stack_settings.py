"""Kāhui's settings with the benchmark's extra signed-in "hello" view."""

from kahui.settings import *  # noqa: F403

ROOT_URLCONF = "bench.stack_urls"

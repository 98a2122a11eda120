"""Project habits: no missing migrations, a deploy profile with no warnings."""

import os
import subprocess
import sys
from unittest import mock

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_deploy_check_reports_nothing_in_production_profile(tmp_path):
    env = {
        **os.environ,
        "KAHUI_PROFILE": "production",
        "SECRET_KEY": "x" * 30 + "-Kāhui-test-only-" + "y" * 30,
        "ALLOWED_HOSTS": "kahui.example.org",
        "KAHUI_DATA_DIR": str(tmp_path),
    }
    for name in ("DATABASE_URL", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "kahui", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {**os.environ, "KAHUI_PROFILE": "production", "KAHUI_DATA_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "kahui", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def _settings_value(name: str, tmp_path, **env_changes) -> str:
    env = {**os.environ, "KAHUI_DATA_DIR": str(tmp_path)}
    env.pop("KAHUI_DEBUG", None)
    env.pop("KAHUI_PROFILE", None)
    env.update(env_changes)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kahui",
            "shell",
            "-c",
            f"from django.conf import settings; print(settings.{name})",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_debug_is_off_unless_asked_for(tmp_path):
    assert _settings_value("DEBUG", tmp_path) == "False"
    assert _settings_value("DEBUG", tmp_path, KAHUI_DEBUG="true") == "True"


def test_the_local_server_turns_debug_on(monkeypatch):
    import kahui.__main__ as cli

    calls = []
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda args: calls.append((args, os.environ.get("KAHUI_DEBUG"))),
    )
    with mock.patch.dict(os.environ):
        os.environ.pop("KAHUI_DEBUG", None)
        cli.main(["kahui", "migrate"])
        cli.main(["kahui", "serve"])
    with mock.patch.dict(os.environ, {"KAHUI_DEBUG": "false"}):
        cli.main(["kahui", "serve"])
    assert calls == [
        (["kahui", "migrate"], None),
        (["kahui", "serve"], "true"),
        (["kahui", "serve"], "false"),
    ]

"""Project habits: no missing migrations, a deploy profile with no warnings."""

import os
import shutil
import subprocess
import sys
from pathlib import Path
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
        "KAHUI_SITE_URL": "https://kahui.example.org",
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


def test_production_refuses_to_start_without_its_address(tmp_path):
    env = {
        **os.environ,
        "KAHUI_PROFILE": "production",
        "SECRET_KEY": "x" * 60,
        "KAHUI_DATA_DIR": str(tmp_path),
    }
    env.pop("KAHUI_SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "kahui", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set KAHUI_SITE_URL" in result.stderr


def test_production_refuses_an_address_that_is_not_https(tmp_path):
    env = {
        **os.environ,
        "KAHUI_PROFILE": "production",
        "SECRET_KEY": "x" * 60,
        "KAHUI_DATA_DIR": str(tmp_path),
        "KAHUI_SITE_URL": "http://kahui.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "kahui", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "must start with https://" in result.stderr


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


def test_links_point_at_the_address_the_local_server_serves(monkeypatch):
    import kahui.__main__ as cli

    seen = []
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda args: seen.append(os.environ.get("KAHUI_SITE_URL")),
    )
    for args, env in [
        (["serve"], {}),
        (["serve"], {"PORT": "8001"}),
        (["serve", "127.0.0.1:8002"], {}),
        (["serve", "8003"], {}),
        (["serve", "0.0.0.0:8004"], {}),
        (["serve", "[::1]:8005"], {}),
        (["runserver", "localhost:8006"], {}),
        (["serve", "127.0.0.1:8007"], {"KAHUI_SITE_URL": "https://kahui.example.org"}),
        (["migrate"], {"PORT": "8008"}),
    ]:
        with mock.patch.dict(os.environ):
            for name in ("PORT", "KAHUI_SITE_URL"):
                os.environ.pop(name, None)
            os.environ.update(env)
            cli.main(["kahui", *args])
    assert seen == [
        "http://127.0.0.1:8000",
        "http://127.0.0.1:8001",
        "http://127.0.0.1:8002",
        "http://127.0.0.1:8003",
        "http://127.0.0.1:8004",
        "http://[::1]:8005",
        "http://localhost:8006",
        "https://kahui.example.org",  # an explicit address wins
        None,  # other commands use the settings' default
    ]


def test_the_local_server_listens_on_the_port_asked_for():
    from kahui.core.management.commands import serve

    with (
        mock.patch.object(serve, "call_command") as runserver,
        mock.patch.dict(os.environ, {"PORT": "8001"}),
    ):
        call_command("serve", "--no-worker")
        call_command("serve", "0.0.0.0:8002", "--no-worker")
    assert [call.args for call in runserver.call_args_list] == [
        ("runserver", "127.0.0.1:8001"),
        ("runserver", "0.0.0.0:8002"),
    ]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_serves_and_links_the_port_asked_for():
    result = subprocess.run(
        ["make", "--dry-run", "run", "PORT=8001"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    commands = result.stdout.splitlines()
    assert any(c.endswith("kahui serve 127.0.0.1:8001") for c in commands), commands
    seed = next(c for c in commands if c.endswith("kahui seed-demo"))
    assert "http://127.0.0.1:8001" in seed


def test_development_prints_emails_readably(tmp_path):
    backend = _settings_value('MAILERS["default"]["BACKEND"]', tmp_path, EMAIL_URL="")
    assert backend == "kahui.core.console_email.EmailBackend"


def test_no_template_comment_spans_lines():
    # Django's {# … #} ends at the line's end; one left open prints itself on the page.
    root = Path(__file__).resolve().parent.parent / "kahui"
    open_comments = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert open_comments == []

"""Which texts a module marks for translation, read the way xgettext reads them."""

import ast
import shutil
import subprocess
from pathlib import Path
from types import ModuleType


def marked_texts(module: ModuleType) -> set[str]:
    """Every literal text passed to ``gettext_noop`` in ``module``'s source."""
    tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "gettext_noop"
        ):
            (argument,) = node.args
            assert isinstance(argument, ast.Constant), ast.unparse(node)
            found.add(argument.value)
    return found


def xgettext_msgids(module: ModuleType, tmp_path: Path) -> set[str] | None:
    """The msgids xgettext collects from ``module`` with the keyword Django's
    makemessages passes it; None where gettext is not installed."""
    xgettext = shutil.which("xgettext")
    if xgettext is None:
        return None
    out = tmp_path / "messages.pot"
    subprocess.run(
        [
            xgettext,
            "--language=Python",
            "--from-code=UTF-8",
            "--keyword=gettext_noop",
            "--output",
            str(out),
            str(module.__file__),
        ],
        check=True,
    )
    return {entry.msgid for entry in _entries(out.read_text(encoding="utf-8")) if entry.msgid}


class _Entry:
    def __init__(self) -> None:
        self.msgid = ""


def _entries(pot: str) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    for line in pot.splitlines():
        if line.startswith("msgid "):
            current = _Entry()
            entries.append(current)
            current.msgid = ast.literal_eval(line[len("msgid ") :])
        elif line.startswith('"') and current is not None:
            current.msgid += ast.literal_eval(line)
        elif line.startswith("msgstr"):
            current = None
    return entries

"""``kahui form-groups cohort.csv --size 6-12 --time 10 --out groups.csv``: form groups
from a cohort CSV, write ``id,group``, and print Q, the bound, the mix and why each
group was formed. When the groups cannot be formed the reasons go to stderr and the
exit code is 1 (2 for a bad file)."""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kahui.formation.board import evaluate
from kahui.formation.csvio import CohortFileError, read_cohort, write_assignment
from kahui.formation.engine import CannotForm, Mix, Rules, Share, form_groups


def _size(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+))?\s*", text)
    if not found:
        raise CommandError(f"--size takes a range such as 6-12, not {text!r}")
    low = int(found[1])
    return low, int(found[2] or low)


class Command(BaseCommand):
    help = "Form balanced learning groups from a cohort CSV."
    # Files in, a file out: no database, so no system checks (they would open one).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cohort", type=Path, help="the cohort CSV")
        parser.add_argument("--size", default="6-12", help="group sizes, e.g. 6-12")
        parser.add_argument("--time", type=float, default=10.0, help="search seconds")
        parser.add_argument("--minutes", type=int, default=60, help="meeting length")
        parser.add_argument(
            "--share",
            choices=[s.value for s in Share if s.value],
            default="",
            help="what every member of a group must share",
        )
        parser.add_argument(
            "--no-facilitators", action="store_true", help="do not spread facilitators"
        )
        parser.add_argument("--out", type=Path, help="where to write id,group (default: stdout)")

    def handle(
        self,
        *args,
        cohort: Path,
        size: str,
        time: float,
        minutes: int,
        share: str,
        no_facilitators: bool,
        out: Path | None,
        **options,
    ) -> None:
        low, high = _size(size)
        try:
            text = cohort.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {cohort}: {error}") from None
        try:
            read = read_cohort(text)
        except CohortFileError as error:
            for row_error in error.errors:
                self.stderr.write(str(row_error))
            raise CommandError(f"{cohort}: {len(error.errors)} bad rows", returncode=2) from None
        rules = Rules(
            min_size=low,
            max_size=high,
            meeting_minutes=minutes,
            share=Share(share),
            mix=(Mix.SCHOOL, Mix.ROLE),
            together=read.together,
            apart=read.apart,
            spread_facilitators=not no_facilitators,
            seconds=time,
        )
        try:
            formation = form_groups(read.people, rules)
        except CannotForm as cannot:
            for explanation in cannot.explanations:
                self.stderr.write(str(explanation))
            raise CommandError(
                "the groups cannot be formed under these rules", returncode=1
            ) from None
        assignment = sorted(formation.assignment().items(), key=lambda item: (item[1], item[0]))
        if out is None:
            self.stdout.write(write_assignment(assignment), ending="")
            report = self.stderr
        else:
            out.write_text(write_assignment(assignment), encoding="utf-8")
            report = self.stdout
        board = evaluate(read.people, [list(g.members) for g in formation.groups], rules)
        ratio = formation.quality / formation.bound if formation.bound else 1.0
        report.write(
            f"{len(read.people)} people, {len(formation.groups)} groups "
            f"in {formation.seconds:.1f} s\n"
            f"Q {formation.quality}, bound {formation.bound} (slot-aware; simple "
            f"{formation.simple_bound}), Q/bound {ratio:.3f}\n"
            f"mix: {board.schools_per_group:.1f} schools and {board.roles_per_group:.1f} roles "
            f"per group; violations {len(formation.violations)}"
        )
        for group in formation.groups:
            number = formation.groups.index(group) + 1
            shared = ", ".join(f"{k} ({c})" for k, c in group.shared_interests[:4]) or "nothing"
            report.write(
                f"group {number}: {len(group.members)} members, Q {group.quality}; "
                f"shares {shared}; free {group.window}; "
                f"{len(group.schools)} schools, {len(group.roles)} roles"
            )

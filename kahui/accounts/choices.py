"""Vocabularies for profiles: roles, learning areas and year levels."""

import zoneinfo
from functools import cache

from django.db import models
from django.utils.translation import gettext_lazy as _


class EducatorRole(models.TextChoices):
    TEACHER = "teacher", _("Teacher / kaiako")
    LEADER = "leader", _("School leader")
    SPECIALIST = "specialist", _("Specialist (RTLB, SENCO, RTLit…)")
    FACILITATOR = "facilitator", _("Facilitator")
    COORDINATOR = "coordinator", _("Coordinator / PD lead")


SUBJECTS = [
    ("english", _("English")),
    ("te-reo-maori", _("Te reo Māori")),
    ("mathematics", _("Mathematics and statistics")),
    ("science", _("Science")),
    ("social-sciences", _("Social sciences")),
    ("arts", _("The arts")),
    ("technology", _("Technology")),
    ("health-pe", _("Health and physical education")),
    ("languages", _("Learning languages")),
    ("dutch", _("Dutch (Nederlands)")),
    ("learning-support", _("Learning support")),
    ("early-learning", _("Early learning (Te Whāriki)")),
]

YEAR_LEVELS = [
    ("ece", _("Early childhood")),
    ("y0-3", _("Years 0–3 / groep 1–4")),
    ("y4-6", _("Years 4–6 / groep 5–7")),
    ("y7-8", _("Years 7–8 / groep 8")),
    ("y9-10", _("Years 9–10")),
    ("y11-13", _("Years 11–13 (NCEA)")),
    ("adult", _("Adult and tertiary")),
]

SUBJECT_LABELS = dict(SUBJECTS)
YEAR_LEVEL_LABELS = dict(YEAR_LEVELS)


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/"))
    )
    return [(name, name.replace("_", " ")) for name in names]

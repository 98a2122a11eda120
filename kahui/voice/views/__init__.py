"""The group's surveys (members only) and the survey's own page, opened by its link
alone by learners and families without an account. The pages are split by what they
are for; the URL table reads every page from here."""

from kahui.voice.views.group_surveys import (
    survey_close,
    survey_csv,
    survey_detail,
    survey_list,
    survey_new,
    survey_reopen,
)
from kahui.voice.views.public_survey import answer

__all__ = [
    "answer",
    "survey_close",
    "survey_csv",
    "survey_detail",
    "survey_list",
    "survey_new",
    "survey_reopen",
]

"""What the activity log records about learner and whānau voice (see
:mod:`kahui.core.activity`).

Making, closing and reopening a survey are logged, with the member who did it. The
answers are not: they come from people without an account, and an entry per answer
would only say when someone answered, which is more than an anonymous survey should
keep. How many answered is on the survey's results page."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class VoiceActivity(ActivityCode):
    SURVEY_CREATED = "voice.survey_created", _("made a learner or whānau survey")
    SURVEY_CLOSED = "voice.survey_closed", _("closed a learner or whānau survey")
    SURVEY_REOPENED = "voice.survey_reopened", _("reopened a learner or whānau survey")


register(VoiceActivity)

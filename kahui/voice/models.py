"""Learner and whānau voice: a group's short anonymous surveys, their questions in one
or more languages, and the answers that came in through the survey's link."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId
from kahui.core.tokens import new_token

# The languages a survey can be answered in, each named in itself on the survey's
# language switch (a reader looks for their own language's name, not a translation).
SURVEY_LANGUAGES: dict[str, str] = {"en": "English", "mi": "Te reo Māori", "nl": "Nederlands"}
SCALE = (1, 2, 3, 4, 5)
MAX_QUESTIONS = 8
MAX_CHOICES = 6


class Audience(models.TextChoices):
    LEARNERS = "learners", _("Learners (mokopuna)")
    WHANAU = "whanau", _("Families (whānau)")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("A scale from 1 to 5")
    CHOICE = "choice", _("One choice from a list")
    TEXT = "text", _("A short written answer")


class SurveyQuerySet(models.QuerySet["Survey"]):
    def open(self) -> "SurveyQuerySet":
        return self.filter(closed_at__isnull=True)


class Survey(PublicId):
    """A short anonymous survey a group sends to its learners or their families.

    Anyone with its link (``token``) may answer while it is open; nobody signs in and
    nothing personal is asked. Texts are kept per language: ``title`` maps a language
    code of :data:`SURVEY_LANGUAGES` to the title in that language, and ``languages``
    lists the languages it is offered in, the first being the one its page opens in.
    The group's inquiry round and stage when it was made are copied as plain values,
    as meetings keep theirs."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="surveys"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    audience = models.CharField(_("who answers"), max_length=10, choices=Audience.choices)
    title = models.JSONField(_("title"), default=dict)
    languages = models.JSONField(_("languages"), default=list)
    show_group_name = models.BooleanField(_("show the group's name on the survey"), default=False)
    question_set = models.CharField(max_length=40, blank=True)  # a ready-made set's key
    cycle = models.PositiveSmallIntegerField(_("inquiry round"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["group", "cycle"])]

    def __str__(self) -> str:
        return self.title_in(self.first_language)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def first_language(self) -> str:
        return self.languages[0] if self.languages else "en"

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title.get(self.first_language, "")

    def language_for(self, wanted: str) -> str:
        """``wanted`` if the survey is offered in it, else its first language."""
        return wanted if wanted in self.languages else self.first_language


class Question(models.Model):
    """One question of a survey. ``text`` maps each of the survey's languages to the
    question in it; a choice question's ``choices`` maps each to its list of choices,
    in the same order in every language (an answer stores the choice's position)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.JSONField(default=dict)
    choices = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="one_question_per_position")
        ]

    def __str__(self) -> str:
        return self.text_in("en")

    def text_in(self, language: str) -> str:
        return self.text.get(language) or next(iter(self.text.values()), "")

    def choices_in(self, language: str) -> list[str]:
        return self.choices.get(language) or next(iter(self.choices.values()), [])


class SurveyResponse(models.Model):
    """One anonymous set of answers: ``answers`` maps a question's id (as text) to a
    scale level, a choice's position or a short text. It keeps no time, address or
    anything else that could tell who sent it; only the language it was answered in."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(max_length=5)
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=list(SURVEY_LANGUAGES)), name="survey_response_language"
            )
        ]

    def __str__(self) -> str:
        return "An answer"  # never anything that says whose or what

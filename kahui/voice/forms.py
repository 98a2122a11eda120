from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.voice.models import (
    MAX_CHOICES,
    MAX_QUESTIONS,
    SCALE,
    SURVEY_LANGUAGES,
    Audience,
    QuestionKind,
    Survey,
)
from kahui.voice.personal import looks_personal
from kahui.voice.question_sets import QuestionSet
from kahui.voice.services import MAX_TEXT_ANSWER, QuestionPlan

BLANK_ROWS = 2  # empty question rows offered below those already filled


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _language_name(code: str):
    return {
        "en": _("in English"),
        "mi": _("in te reo Māori"),
        "nl": _("in Dutch"),
    }[code]


class SurveyForm(forms.Form):
    """A survey: who answers, its languages, its title in each and up to
    :data:`MAX_QUESTIONS` questions, each written in every language it is offered in.
    Rows left blank are skipped."""

    audience = forms.ChoiceField(
        label=_("Who answers?"), choices=Audience.choices, widget=forms.RadioSelect
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages it can be answered in"),
        choices=list(SURVEY_LANGUAGES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Write the title and each question in every language you choose."),
    )
    show_group_name = forms.BooleanField(
        label=_("Show our group's name on the survey"),
        required=False,
        help_text=_("Otherwise the survey shows only its title and questions."),
    )
    rows = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_QUESTIONS
    )

    def __init__(self, *args, rows: int = 3, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            try:
                rows = int(self.data.get("rows", rows))
            except (TypeError, ValueError):
                rows = 3
        self.row_count = max(1, min(rows, MAX_QUESTIONS))
        self.fields["rows"].initial = self.row_count
        for code in SURVEY_LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title %(language)s") % {"language": _language_name(code)},
                required=False,
                max_length=120,
                widget=forms.TextInput(attrs={"lang": code}),
            )
        for row in range(self.row_count):
            number = row + 1
            self.fields[f"q{row}_kind"] = forms.ChoiceField(
                label=_("Question %(n)s: kind of answer") % {"n": number},
                choices=[("", _("— no question —")), *QuestionKind.choices],
                required=False,
            )
            for code in SURVEY_LANGUAGES:
                language = _language_name(code)
                self.fields[f"q{row}_text_{code}"] = forms.CharField(
                    label=_("Question %(n)s %(language)s") % {"n": number, "language": language},
                    required=False,
                    max_length=300,
                    widget=forms.TextInput(attrs={"lang": code}),
                )
                self.fields[f"q{row}_choices_{code}"] = forms.CharField(
                    label=_("Its choices %(language)s, one a line") % {"language": language},
                    required=False,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
                )

    @classmethod
    def from_set(cls, question_set: QuestionSet) -> "SurveyForm":
        """The form filled with a ready-made set, with blank rows below it."""
        initial = {
            "audience": question_set.audience,
            "languages": [code for code in SURVEY_LANGUAGES if code in question_set.title],
            **{f"title_{code}": text for code, text in question_set.title.items()},
        }
        for row, question in enumerate(question_set.questions):
            initial[f"q{row}_kind"] = question.kind
            for code, text in question.text.items():
                initial[f"q{row}_text_{code}"] = text
            for code, choices in (question.choices or {}).items():
                initial[f"q{row}_choices_{code}"] = "\n".join(choices)
        rows = min(len(question_set.questions) + BLANK_ROWS, MAX_QUESTIONS)
        return cls(initial=initial, rows=rows)

    def titles(self) -> list:
        return [self[f"title_{code}"] for code in SURVEY_LANGUAGES]

    def question_rows(self) -> list[dict]:
        """Each question row's fields, for the template to lay out."""
        return [
            {
                "number": row + 1,
                "kind": self[f"q{row}_kind"],
                "texts": [self[f"q{row}_text_{code}"] for code in SURVEY_LANGUAGES],
                "choices": [self[f"q{row}_choices_{code}"] for code in SURVEY_LANGUAGES],
            }
            for row in range(self.row_count)
        ]

    def clean(self):
        data = super().clean()
        languages = data.get("languages") or []
        for code in languages:
            if not data.get(f"title_{code}", "").strip():
                self.add_error(f"title_{code}", _("Write the title in this language."))
        plans = []
        for row in range(self.row_count):
            kind = data.get(f"q{row}_kind", "")
            texts = {code: data.get(f"q{row}_text_{code}", "").strip() for code in languages}
            choices = {code: _lines(data.get(f"q{row}_choices_{code}", "")) for code in languages}
            if not kind and not any(texts.values()):
                continue  # a blank row
            if not kind:
                self.add_error(f"q{row}_kind", _("Choose what kind of answer it asks."))
                continue
            for code, text in texts.items():
                if not text:
                    self.add_error(f"q{row}_text_{code}", _("Write the question in this language."))
            if kind == QuestionKind.CHOICE:
                for code, options in choices.items():
                    if not 2 <= len(options) <= MAX_CHOICES:
                        self.add_error(
                            f"q{row}_choices_{code}",
                            _("Give between 2 and %(most)s choices, one a line.")
                            % {"most": MAX_CHOICES},
                        )
                if len({len(options) for options in choices.values()}) > 1:
                    self.add_error(
                        f"q{row}_choices_{languages[-1]}",
                        _("Give the same choices, in the same order, in each language."),
                    )
            plans.append(QuestionPlan(kind=kind, text=texts, choices=choices))
        if languages and not plans and not self.errors:
            self.add_error(None, _("Add at least one question."))
        data["plans"] = plans
        data["title"] = {code: data.get(f"title_{code}", "") for code in languages}
        return data


class AnswerForm(forms.Form):
    """A survey's questions in one language. Every question may be left unanswered."""

    def __init__(self, *args, survey: Survey, language: str, scale_labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        for question in survey.questions.all():
            name = f"q{question.pk}"
            label = question.text_in(language)
            if question.kind == QuestionKind.SCALE:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(level, scale_labels.get(level, str(level))) for level in SCALE],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                )
            elif question.kind == QuestionKind.CHOICE:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=list(enumerate(question.choices_in(language))),
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=MAX_TEXT_ANSWER,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            field.hide_optional = True
            field.question = question
            self.fields[name] = field

    def answers(self) -> dict[int, int | str | None]:
        return {
            field.question.pk: self.cleaned_data.get(name) for name, field in self.fields.items()
        }

    def personal_fields(self) -> list[str]:
        """The written answers that look as if they hold a name, an address or a number."""
        return [
            name
            for name, field in self.fields.items()
            if field.question.kind == QuestionKind.TEXT
            and looks_personal(self.cleaned_data.get(name) or "")
        ]

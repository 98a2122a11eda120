"""The group's surveys, for its members: the list by inquiry round, a new survey (from
a question set or from scratch), its results with their charts, the answers as CSV,
closing and opening it again."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.csv_export import SafeWriter
from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.groups.stages import Stage
from kahui.voice import access as voice_access
from kahui.voice import selectors, services
from kahui.voice.charts import bar_chart
from kahui.voice.forms import SurveyForm
from kahui.voice.models import SURVEY_LANGUAGES, QuestionKind, Survey
from kahui.voice.question_sets import BY_KEY, QUESTION_SETS


def _stage_label(stage: str) -> str:
    return str(dict(Stage.choices).get(stage, "")) if stage else ""


def _survey(group: LearningGroup, survey_id: UUID) -> Survey:
    survey = selectors.survey_in(group, survey_id)
    if survey is None:
        raise Http404("No such survey")
    return survey


def _reading_language(survey: Survey) -> str:
    """The survey's texts for a member: in their interface language when it has them."""
    return survey.language_for(translation.get_language() or "")


# -- The group's surveys -------------------------------------------------------------------


@group_view(Need.MEMBER)
@require_GET
def survey_list(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    rounds = [
        {
            "cycle": cycle,
            "current": cycle == group.cycle,
            "surveys": [
                {
                    "survey": survey,
                    "title": survey.title_in(_reading_language(survey)),
                    "stage": _stage_label(survey.stage),
                }
                for survey in surveys
            ],
        }
        for cycle, surveys in selectors.surveys_by_cycle(group)
    ]
    return render(
        request,
        "voice/list.html",
        {"group": group, "access": access, "rounds": rounds, "sets": QUESTION_SETS},
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def survey_new(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    chosen = BY_KEY.get(request.GET.get("set", "") or request.POST.get("question_set", ""))
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                survey = services.survey_create(
                    group=group,
                    by=request.user,
                    audience=data["audience"],
                    title=data["title"],
                    languages=data["languages"],
                    questions=data["plans"],
                    show_group_name=data["show_group_name"],
                    question_set=chosen.key if chosen else "",
                )
            except KahuiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The survey is open. Share its link with those who answer it.")
                )
                return redirect("voice:detail", group.public_id, survey.public_id)
    else:
        form = SurveyForm.from_set(chosen) if chosen else SurveyForm(initial={"languages": ["en"]})
    return render(
        request,
        "voice/new.html",
        {
            "group": group,
            "access": access,
            "form": form,
            "chosen": chosen,
            "sets": QUESTION_SETS,
            "stage": group.stage_info,
        },
        status=400 if form.errors else 200,
    )


def _charts(results, request: HttpRequest) -> None:
    """Give each scale question its chart and a sentence describing it."""
    nonce = get_nonce(request)
    for index, result in enumerate(results, start=1):
        if result.kind != QuestionKind.SCALE or not result.answered:
            continue
        spread = ", ".join(
            _("%(count)s at %(level)s") % {"count": count, "level": level}
            for level, count in result.counts
        )
        mean = formats.number_format(result.mean, 1)
        result.mean_text = mean
        result.chart = bar_chart(
            chart_id=f"survey-chart-{index}",
            title=_("Answers to “%(question)s”") % {"question": result.text},
            description=_(
                "Bar chart of %(total)s answers on a scale from 1 to 5: %(spread)s. "
                "The mean is %(mean)s."
            )
            % {"total": result.answered, "spread": spread, "mean": mean},
            labels=[level for level, _count in result.counts],
            counts=[count for _level, count in result.counts],
            y_title=_("Answers"),
            nonce=str(nonce) if nonce is not None else None,
        )


@group_view(Need.MEMBER)
@require_GET
def survey_detail(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, survey_id: UUID
) -> HttpResponse:
    survey = _survey(group, survey_id)
    language = _reading_language(survey)
    total, results = selectors.survey_results(survey, language)
    _charts(results, request)
    return render(
        request,
        "voice/detail.html",
        {
            "group": group,
            "access": access,
            "survey": survey,
            "title": survey.title_in(language),
            "stage": _stage_label(survey.stage),
            "languages": [SURVEY_LANGUAGES[code] for code in survey.languages],
            "total": total,
            "results": results,
            "link": request.build_absolute_uri(reverse("voice:answer", args=[survey.token])),
            "can_run": voice_access.can_run_surveys(access),
        },
    )


@group_view(Need.MEMBER)
@require_GET
def survey_csv(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, survey_id: UUID
) -> HttpResponse:
    """Every set of answers, one a row, in the survey's order of questions. Choices are
    written in the language the member reads the survey in."""
    survey = _survey(group, survey_id)
    language = _reading_language(survey)
    questions = list(survey.questions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kahui-survey-{survey.public_id}.csv"'
    writer = SafeWriter(response)
    writer.writerow([_("Answer"), _("Language"), *(q.text_in(language) for q in questions)])
    for number, answer in enumerate(survey.responses.all(), start=1):
        row = []
        for question in questions:
            value = answer.answers.get(str(question.pk), "")
            if question.kind == QuestionKind.CHOICE and value != "":
                choices = question.choices_in(language)
                value = choices[value] if 0 <= value < len(choices) else ""
            row.append(value)
        writer.writerow([number, SURVEY_LANGUAGES.get(answer.language, answer.language), *row])
    return response


@group_view(Need.MEMBER)
@require_POST
def survey_close(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, survey_id: UUID
) -> HttpResponse:
    survey = _survey(group, survey_id)
    try:
        services.survey_close(survey=survey, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The survey is closed: its link no longer opens it."))
    return redirect("voice:detail", group.public_id, survey.public_id)


@group_view(Need.MEMBER)
@require_POST
def survey_reopen(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, survey_id: UUID
) -> HttpResponse:
    survey = _survey(group, survey_id)
    try:
        services.survey_reopen(survey=survey, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The survey is open again, on the same link."))
    return redirect("voice:detail", group.public_id, survey.public_id)

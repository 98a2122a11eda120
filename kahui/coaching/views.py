"""Coaching pages: whom I coach and who coaches me, a pair's page (notes, requests for
advice, observations in time order), and an observation with its debrief. Access is
checked at the door by :mod:`kahui.coaching.access`; none of these addresses names a
group, and none shows more of a group than a meeting's title, time and agenda steps."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.coaching import access, navigation, selectors, services
from kahui.coaching.access import Pair
from kahui.coaching.forms import (
    AdviceForm,
    AnswerForm,
    NoteForm,
    ObservationForm,
    ObservationStartForm,
    ReflectionForm,
)
from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once

RECENT_MEETINGS = 30


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    page = selectors.coaching_home(request.user)
    navigation.refresh(request, bool(page.coachees or page.coaches))
    return render(request, "coaching/home.html", {"page": page})


def _advice_form(pair: Pair, data=None) -> AdviceForm:
    meetings = list(access.observable_meetings(pair.coach, pair.facilitator)[:RECENT_MEETINGS])
    groups = list(access.shared_groups(pair.coach, pair.facilitator).order_by("name"))
    return AdviceForm(data, groups=groups, meetings=meetings)


def _pair_page(
    request, pair: Pair, *, note_form=None, advice_form=None, answer_forms=None, status=200
):
    page = selectors.pair_page(pair)
    if pair.viewer_is_coach:
        answer_forms = answer_forms or {}
        for entry in page.entries:
            if entry.kind == "advice" and entry.record.is_open:
                entry.form = answer_forms.get(entry.record.pk) or AnswerForm(
                    auto_id=f"id_answer_{entry.record.public_id}_%s"
                )
    return render(
        request,
        "coaching/pair.html",
        {
            "pair": pair,
            "page": page,
            "note_form": note_form or NoteForm(),
            "advice_form": (advice_form or _advice_form(pair))
            if not pair.viewer_is_coach
            else None,
        },
        status=status,
    )


def _back(pair: Pair):
    return redirect("coaching:pair", pair.coach.public_id, pair.facilitator.public_id)


@login_required
@require_GET
def pair(request: HttpRequest, coach_id: UUID, facilitator_id: UUID) -> HttpResponse:
    found = access.pair_for(request.user, coach_id, facilitator_id)
    # Opening the page is what reading it means: the reader's own marker.
    services.pair_mark_read(coach=found.coach, facilitator=found.facilitator, reader=request.user)
    navigation.refresh(request, True)
    return _pair_page(request, found)


@login_required
@require_POST
@submitted_once
def note_add(request: HttpRequest, coach_id: UUID, facilitator_id: UUID) -> HttpResponse:
    found = access.pair_for(request.user, coach_id, facilitator_id)
    form = NoteForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.note_add(
            coach=found.coach,
            facilitator=found.facilitator,
            by=request.user,
            text=form.cleaned_data["text"],
        ),
        _("Your note is saved. Only the two of you read it."),
    ):
        return _back(found)
    return _pair_page(request, found, note_form=form, status=400)


@login_required
@require_POST
@submitted_once
def advice_ask(request: HttpRequest, coach_id: UUID, facilitator_id: UUID) -> HttpResponse:
    found = access.pair_for(request.user, coach_id, facilitator_id)
    if found.viewer_is_coach:
        messages.error(request, _("Only the facilitator asks their coach for advice."))
        return _back(found)
    form = _advice_form(found, request.POST)
    if form_saved(
        request,
        form,
        lambda: services.advice_ask(
            coach=found.coach,
            facilitator=found.facilitator,
            by=request.user,
            question=form.cleaned_data["question"],
            group=form.subject()[0],
            meeting=form.subject()[1],
        ),
        _("Asked. %(name)s is told.") % {"name": found.coach.display_name},
    ):
        return _back(found)
    return _pair_page(request, found, advice_form=form, status=400)


@login_required
@require_POST
def advice_answer(request: HttpRequest, request_id: UUID) -> HttpResponse:
    advice, found = access.advice_for(request.user, request_id)
    form = AnswerForm(request.POST, auto_id=f"id_answer_{advice.public_id}_%s")
    if not found.viewer_is_coach:
        messages.error(request, _("Only the coach answers."))
        return _back(found)
    if form_saved(
        request,
        form,
        lambda: services.advice_answer(request=advice, by=request.user, **form.cleaned_data),
        _("Answered. %(name)s is told.") % {"name": found.facilitator.display_name},
    ):
        return _back(found)
    return _pair_page(request, found, answer_forms={advice.pk: form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def observation_new(request: HttpRequest, coach_id: UUID, facilitator_id: UUID) -> HttpResponse:
    found = access.pair_for(request.user, coach_id, facilitator_id)
    if not found.viewer_is_coach:
        messages.error(request, _("Only the coach records an observation."))
        return _back(found)
    meetings = list(access.observable_meetings(found.coach, found.facilitator)[:RECENT_MEETINGS])
    form = ObservationStartForm(request.POST or None, meetings=meetings)
    created = {}
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: created.setdefault(
            "observation",
            services.observation_start(
                coach=found.coach,
                facilitator=found.facilitator,
                by=request.user,
                meeting=form.chosen(),
            ),
        ),
        _("The observation is begun. It is yours alone until you share it."),
    ):
        return redirect("coaching:observation_edit", created["observation"].public_id)
    return render(
        request,
        "coaching/observation_new.html",
        {"pair": found, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def observation(request: HttpRequest, observation_id: UUID) -> HttpResponse:
    found, pair_ = access.observation_for(request.user, observation_id)
    return _observation_page(request, found, pair_)


def _observation_page(request, found, pair_, *, form=None, conflict=None, status=200):
    return render(
        request,
        "coaching/observation.html",
        {
            "observation": found,
            "pair": pair_,
            "page": selectors.observation_page(found),
            "form": form
            or ReflectionForm(initial={"text": found.reflection, "version": found.version}),
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def observation_edit(request: HttpRequest, observation_id: UUID) -> HttpResponse:
    found, pair_ = access.observation_for(request.user, observation_id)
    if not pair_.viewer_is_coach or found.is_done:
        messages.error(request, _("This observation cannot be changed now."))
        return redirect("coaching:observation", found.public_id)
    steps = list(found.steps.all())
    form = ObservationForm(request.POST or None, observation=found, steps=steps)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.observation_save(observation=found, by=request.user, edit=form.edit()),
        _("The observation is saved."),
    ):
        return redirect("coaching:observation", found.public_id)
    return render(
        request,
        "coaching/observation_edit.html",
        {"observation": found, "pair": pair_, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def observation_share(request: HttpRequest, observation_id: UUID) -> HttpResponse:
    found, _pair = access.observation_for(request.user, observation_id)
    try:
        services.observation_share(observation=found, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Shared with %(name)s. You can now write the reflection together.")
            % {"name": found.facilitator.display_name},
        )
    return redirect("coaching:observation", found.public_id)


@login_required
@require_POST
def reflection_save(request: HttpRequest, observation_id: UUID) -> HttpResponse:
    found, pair_ = access.observation_for(request.user, observation_id)
    form = ReflectionForm(request.POST)
    valid = form.is_valid()
    try:
        if "version" in form.errors:
            # What the text was based on is unknown: treat it as a conflict.
            raise services.ReflectionConflict(found)
        if valid:
            services.reflection_save(
                observation=found,
                by=request.user,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            )
    except services.ReflectionConflict as conflict:
        # Keep what this person typed, now based on the version saved meanwhile.
        form = ReflectionForm(
            initial={"text": request.POST.get("text", ""), "version": conflict.version}
        )
        return _observation_page(request, found, pair_, form=form, conflict=conflict, status=409)
    except KahuiError as error:
        form.add_error(None, error.message)
    if form.errors:
        return _observation_page(request, found, pair_, form=form, status=400)
    messages.success(request, _("The reflection is saved."))
    return redirect("coaching:observation", found.public_id)


@login_required
@require_POST
def debrief_done(request: HttpRequest, observation_id: UUID) -> HttpResponse:
    found, _pair = access.observation_for(request.user, observation_id)
    try:
        services.debrief_done(observation=found, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The debrief is done."))
    return redirect("coaching:observation", found.public_id)

"""Availability polls: the group's polls, making one, and one poll with its answers,
closing it and choosing the time that becomes a meeting."""

from datetime import UTC, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.forms import formset_as_typed
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.scheduling import selectors, services
from kahui.scheduling.forms import AnswerForm, ChooseForm, OptionFormSet, PollForm, default_deadline
from kahui.scheduling.models import AvailabilityPoll, PollOption


def _label(option: PollOption) -> str:
    local = timezone.localtime(option.starts_at)
    # Elapsed minutes, so the end is right on the night the clocks change.
    end = timezone.localtime(
        option.starts_at.astimezone(UTC) + timedelta(minutes=option.duration_minutes)
    )
    return f"{formats.date_format(local, 'D j M')}, {local:%H:%M}–{end:%H:%M}"


@group_view(Need.MEMBER)
@require_GET
def poll_list(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    polls = Paginator(selectors.polls_of(group), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "scheduling/poll_list.html",
        {"group": group, "access": access, "polls": polls},
    )


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
@submitted_once
def poll_create(request: HttpRequest, group: LearningGroup, _access: GroupAccess) -> HttpResponse:
    profile = getattr(request.user, "profile", None)
    status = 200
    redrawn = request.method == "POST" and formset_as_typed(
        OptionFormSet,
        request.POST,
        prefix="options",
        fields=["day", "start", "end", "format", "DELETE"],
        blank=lambda rows: {"format": rows[-1]["format"] if rows else group.format},
    )
    if redrawn:
        form = PollForm(request.POST)
        formset, status = redrawn
    elif request.method == "POST":
        form = PollForm(request.POST)
        formset = OptionFormSet(request.POST, prefix="options")
        if form.is_valid() and formset.is_valid():
            options = [
                services.OptionPlan(
                    day=f.cleaned_data["day"],
                    start=f.cleaned_data["start"],
                    duration_minutes=f.duration_minutes,
                    format=f.cleaned_data["format"],
                )
                for f in formset.forms
                if f.has_changed() and not f.cleaned_data.get("DELETE")
            ]
            deadline_day = form.cleaned_data["deadline"]
            deadline = (
                # The end of that day where the poll's times are given.
                datetime.combine(
                    deadline_day, time(23, 59), tzinfo=ZoneInfo(form.cleaned_data["time_zone"])
                )
                if deadline_day
                else None
            )
            try:
                poll = services.poll_create(
                    group=group,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    time_zone=form.cleaned_data["time_zone"],
                    options=options,
                    deadline=deadline,
                )
            except KahuiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Poll sent to the group."))
                return redirect("scheduling:poll", group.public_id, poll.public_id)
    else:
        form = PollForm(
            initial={
                "title": _("When shall we meet?"),
                "time_zone": getattr(profile, "time_zone", None)
                or timezone.get_current_timezone_name(),
                "deadline": default_deadline(),
            }
        )
        formset = OptionFormSet(
            prefix="options", initial=[{"format": group.format}, {"format": group.format}]
        )
    return render(
        request,
        "scheduling/poll_form.html",
        {"group": group, "form": form, "formset": formset},
        status=status,
    )


def _poll(group, poll_id: UUID) -> AvailabilityPoll:
    return get_object_or_404(
        AvailabilityPoll.objects.select_related(
            "group", "chosen", "meeting", "created_by__profile"
        ),
        group=group,
        public_id=poll_id,
    )


def _choose_forms(poll, options, refused: ChooseForm | None) -> None:
    """Give each option its form to choose it; a refused one keeps what was typed."""
    title = services.default_meeting_title(poll)
    for option in options:
        if refused is not None and refused.option.pk == option.pk:
            option.choose_form = refused
        else:
            option.choose_form = ChooseForm(option=option, initial={"title": title})


def _poll_context(request, group, access, poll, **extra) -> dict:
    options = selectors.ranked_options(poll)
    by_time = sorted(options, key=lambda o: o.starts_at)
    for option in options:
        option.label = _label(option)
    if access.is_facilitator and not poll.meeting_id:
        _choose_forms(poll, options, extra.pop("choose_form", None))
    rows, waiting = selectors.answer_grid(poll, by_time)
    context = {
        "group": group,
        "access": access,
        "poll": poll,
        "ranked": options,
        "by_time": by_time,
        "rows": rows,
        "waiting": waiting,
        "answer_form": AnswerForm(
            options=by_time,
            initial_answers=selectors.my_answers(poll, request.user),
            initial={
                "comment": poll.responses.filter(user=request.user)
                .values_list("comment", flat=True)
                .first()
                or ""
            },
        ),
        "best": options[0] if options and (options[0].yes + options[0].maybe) else None,
    }
    context.update(extra)
    return context


@group_view(Need.MEMBER)
@require_GET
def poll_detail(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, poll_id: UUID
) -> HttpResponse:
    poll = _poll(group, poll_id)
    return render(request, "scheduling/poll.html", _poll_context(request, group, access, poll))


@group_view(Need.MEMBER)
@require_POST
def poll_answer(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, poll_id: UUID
) -> HttpResponse:
    poll = _poll(group, poll_id)
    options = sorted(poll.options.all(), key=lambda o: o.starts_at)
    for option in options:
        option.label = _label(option)
    form = AnswerForm(request.POST, options=options, initial_answers={})
    if form.is_valid():
        try:
            services.poll_answer(
                poll=poll,
                user=request.user,
                answers=form.answers(),
                comment=form.cleaned_data["comment"],
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you, your answers are saved."))
        return redirect("scheduling:poll", group.public_id, poll.public_id)
    context = _poll_context(request, group, access, poll, answer_form=form)
    return render(request, "scheduling/poll.html", context, status=400)


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def poll_close(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, poll_id: UUID
) -> HttpResponse:
    poll = _poll(group, poll_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Close the poll “%(title)s”?") % {"title": poll.title},
            question=_(
                "Members can no longer answer it. You can still choose one of its times afterwards."
            ),
            confirm_label=_("Close the poll"),
            cancel_url=reverse("scheduling:poll", args=[group.public_id, poll.public_id]),
            place=group.name,
        )
    services.poll_close(poll=poll, by=request.user)
    messages.info(request, _("The poll is closed."))
    return redirect("scheduling:poll", group.public_id, poll.public_id)


@group_view(Need.FACILITATE)
@require_POST
def poll_choose(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, poll_id: UUID, option_id: UUID
) -> HttpResponse:
    poll = _poll(group, poll_id)
    option = get_object_or_404(PollOption, poll=poll, public_id=option_id)
    form = ChooseForm(request.POST, option=option)
    if form.is_valid():
        try:
            meetings = services.poll_choose(
                poll=poll,
                by=request.user,
                option=option,
                title=form.cleaned_data["title"],
                repeat=form.cleaned_data["repeat"],
                location=form.cleaned_data["location"],
                online_url=form.cleaned_data["online_url"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Meeting scheduled; everyone has been told."))
            return redirect("meetings:detail", group.public_id, meetings[0].public_id)
    # Show the poll again with what was typed and why it was refused.
    context = _poll_context(request, group, access, poll, choose_form=form)
    return render(request, "scheduling/poll.html", context, status=400)

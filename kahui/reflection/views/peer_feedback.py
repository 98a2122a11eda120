"""Peer feedback: asking named colleagues of a group, reading the answers (the asker
alone), and answering or declining when asked."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.reflection import access as rules
from kahui.reflection import selectors, services
from kahui.reflection.forms import AnswerForm, FeedbackRequestForm


@login_required
@require_GET
def feedback(request: HttpRequest) -> HttpResponse:
    """Requests I made, and those I was asked to answer."""
    return render(
        request,
        "reflection/feedback.html",
        {
            "requests": list(selectors.requests_made(request.user)[:50]),
            "asked": list(selectors.asked_of(request.user)[:50]),
        },
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def feedback_ask(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """Ask named colleagues of the group for feedback on something specific."""
    form = FeedbackRequestForm(request.POST or None, group=group, user=request.user)
    saved = {}
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: saved.setdefault(
            "request",
            services.feedback_ask(
                asker=request.user,
                group=group,
                about=form.cleaned_data["about"],
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                link=form.cleaned_data["link"],
                colleagues=form.cleaned_data["colleague_objs"],
            ),
        ),
        _("Asked. Only you will read the answers."),
    ):
        return redirect("reflection:feedback_request", saved["request"].public_id)
    return render(
        request,
        "reflection/feedback_ask.html",
        {"group": group, "access": access, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _request_page(request, found, answer, *, form=None, status=200) -> HttpResponse:
    return render(
        request,
        "reflection/feedback_request.html",
        {
            "found": found,
            "answer": answer,
            "answers": selectors.answers_to(found) if answer is None else [],
            "form": form or (AnswerForm() if answer and answer.status == "waiting" else None),
        },
        status=status,
    )


@login_required
@require_GET
def feedback_request(request: HttpRequest, request_id: UUID) -> HttpResponse:
    """A request: its asker reads the answers; a colleague asked answers or declines."""
    found, answer = rules.feedback_for(request.user, request_id)
    return _request_page(request, found, answer)


@login_required
@require_POST
def feedback_answer(request: HttpRequest, request_id: UUID) -> HttpResponse:
    found, answer = rules.feedback_for(request.user, request_id)
    form = AnswerForm(request.POST)
    if answer is None:
        form.add_error(None, _("Only the colleagues asked give feedback."))
        return _request_page(request, found, answer, form=form, status=403)
    if form_saved(
        request,
        form,
        lambda: services.feedback_answer(answer=answer, by=request.user, **form.cleaned_data),
        _("Thank you: your feedback is with %(name)s.") % {"name": found.asker.display_name},
    ):
        return redirect("reflection:feedback_request", found.public_id)
    return _request_page(request, found, answer, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def feedback_decline(request: HttpRequest, request_id: UUID) -> HttpResponse:
    found, answer = rules.feedback_for(request.user, request_id)
    if answer is None:
        messages.error(request, _("Only the colleagues asked can decline."))
        return redirect("reflection:feedback_request", found.public_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Decline %(name)s's request?") % {"name": found.asker.display_name},
            question=_(
                "%(name)s is told you declined, without a reason. You cannot answer it afterwards."
            )
            % {"name": found.asker.display_name},
            confirm_label=_("Decline"),
            cancel_url=reverse("reflection:feedback_request", args=[found.public_id]),
        )
    try:
        services.feedback_decline(answer=answer, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Declined. %(name)s is told, without a reason.") % {"name": found.asker.display_name},
        )
    return redirect("reflection:feedback")

"""Guests: inviting an outside expert to one meeting, withdrawing the link, and what
the link shows them."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings import services
from kahui.meetings.access import guest_for
from kahui.meetings.forms import GuestForm
from kahui.meetings.models import MeetingGuest
from kahui.meetings.views.occurrences import back_to, detail_page, meeting_in


@group_view(Need.FACILITATE)
@require_POST
@submitted_once
def guest_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    form = GuestForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.guest_invite(meeting=meeting, by=request.user, **form.cleaned_data),
        _("Guest invited."),
    ):
        return back_to(group, meeting, "#guests")
    return detail_page(request, group, access, meeting, guest_form=form)


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def guest_revoke(
    request: HttpRequest,
    group: LearningGroup,
    _access: GroupAccess,
    meeting_id: UUID,
    guest_id: UUID,
) -> HttpResponse:
    """Ask first, then withdraw the guest's link: the POST of the confirmation page does it."""
    meeting = meeting_in(group, meeting_id)
    guest = get_object_or_404(MeetingGuest, meeting=meeting, public_id=guest_id)
    if not is_confirmed(request):
        meeting_url = reverse("meetings:detail", args=[group.public_id, meeting.public_id])
        return ask_to_confirm(
            request,
            title=_("Withdraw %(name)s's invitation?") % {"name": guest.name},
            question=_(
                "The link %(name)s received will stop working at once: they will no longer "
                "see the agenda and materials of “%(meeting)s”. You can invite them again."
            )
            % {"name": guest.name, "meeting": meeting.title},
            confirm_label=_("Withdraw the invitation"),
            cancel_url=f"{meeting_url}#guests",
            breadcrumbs=[
                (group.name, reverse("groups:home", args=[group.public_id])),
                (meeting.title, meeting_url),
            ],
            place=group.name,
        )
    services.guest_revoke(guest=guest, by=request.user)
    messages.info(request, _("The guest's link no longer works."))
    return back_to(group, meeting, "#guests")


@require_GET
def guest(request: HttpRequest, token: str) -> HttpResponse:
    """What an invited guest sees: this meeting's agenda and materials, nothing else."""
    invitation = guest_for(token)
    meeting = invitation.meeting
    return render(
        request,
        "meetings/guest.html",
        {"guest": invitation, "meeting": meeting, "agenda": meeting.agenda.all()},
    )


@group_view(Need.SUPPORT)
@require_POST
def supporter_rsvp(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    """A supporter says whether they come (``coming=yes`` or ``no``); the service
    refuses members, who are expected at every meeting."""
    meeting = meeting_in(group, meeting_id)
    coming = request.POST.get("coming") == "yes"
    try:
        services.supporter_rsvp(meeting=meeting, by=request.user, coming=coming)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Thank you: the group knows you are coming.")
            if coming
            else _("Thank you: the group knows you are not coming."),
        )
    return back_to(group, meeting, "#coming")

"""Calendars: one meeting as a file, a person's subscription address (for all their
groups or one), renewing it, and the feed itself."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings import ics, selectors, services
from kahui.meetings.access import feed_for_token, feed_works
from kahui.meetings.views.occurrences import meeting_in


@group_view(Need.SUPPORT)
@require_GET
def meeting_ics(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    response = HttpResponse(ics.calendar_for([meeting], group.name), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="kahui-{meeting.public_id}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    """The person's private calendar subscription address, made when they ask for it
    (a POST with ``address``), which they can renew."""
    if request.method == "POST":
        if "address" in request.POST:
            services.feed_for(user=request.user)
            return redirect("meetings:calendar")
        return redirect("meetings:calendar_renew")  # an older page's renew button: ask first
    feed = selectors.calendar_feed(user=request.user)
    return render(request, "meetings/calendar.html", {"feed": feed})


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def group_calendar(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    # Each member has their own address for the group, so it can stop working for
    # them alone when they leave.
    if request.method == "POST":
        if "address" in request.POST:
            services.feed_for(user=request.user, group=group)
            return redirect("meetings:group_calendar", group.public_id)
        # an older page's renew button: ask first
        return redirect("meetings:group_calendar_renew", group.public_id)
    feed = selectors.calendar_feed(user=request.user, group=group)
    return render(
        request, "meetings/calendar.html", {"feed": feed, "group": group, "access": access}
    )


def _renew_feed(request: HttpRequest, group: LearningGroup | None) -> HttpResponse:
    """Ask first, then replace the subscription address: the confirmation's POST does it."""
    if group is None:
        here, back = reverse("meetings:calendar_renew"), reverse("meetings:calendar")
    else:
        here = reverse("meetings:group_calendar_renew", args=[group.public_id])
        back = reverse("meetings:group_calendar", args=[group.public_id])
    if not is_confirmed(request):
        if request.method == "POST":
            return redirect(here)
        crumbs = [(group.name, reverse("groups:home", args=[group.public_id]))] if group else []
        return ask_to_confirm(
            request,
            title=_("Make a new calendar address?"),
            question=_(
                "The current address stops working at once: every calendar subscribed to it "
                "stops updating until you subscribe again with the new one."
            ),
            confirm_label=_("Make a new address"),
            cancel_url=back,
            breadcrumbs=[*crumbs, (_("Calendar subscription"), back)],
            place=group.name if group else "",
        )
    services.feed_reset(user=request.user, group=group)
    messages.success(request, _("A new address was made; the old one stopped working."))
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_renew(request: HttpRequest) -> HttpResponse:
    return _renew_feed(request, None)


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def group_calendar_renew(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess
) -> HttpResponse:
    return _renew_feed(request, group)


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A calendar subscription (webcal): the token is the only credential."""
    subscription = feed_for_token(token)
    if not feed_works(subscription):
        return HttpResponse(
            _(
                "This calendar address no longer works. Members of the group can find "
                "their own address on the group's calendar page."
            ),
            status=410,
            content_type="text/plain; charset=utf-8",
        )
    if subscription.group is not None:
        meetings = selectors.meetings_for_feed(group=subscription.group)
        name = subscription.group.name
    else:
        meetings = selectors.meetings_for_feed(user=subscription.user)
        name = _("Kāhui meetings")
    response = HttpResponse(ics.calendar_for(meetings, name), content_type="text/calendar")
    response["Cache-Control"] = "private, max-age=900"
    return response

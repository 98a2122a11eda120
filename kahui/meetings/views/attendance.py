"""Attendance at a meeting, and the professional-learning hours it becomes: a
person's own record and its CSV."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kahui.core.csv_export import SafeWriter
from kahui.core.forms import form_saved
from kahui.core.paging import page_of
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings import selectors, services
from kahui.meetings.access import can_record_attendance
from kahui.meetings.forms import AttendanceForm
from kahui.meetings.views.occurrences import back_to, detail_page, meeting_in


@group_view(Need.MEMBER)
@require_POST
def attendance(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    if not can_record_attendance(request.user, meeting, access):
        messages.error(request, _("Only the facilitator or the note-taker records attendance."))
        return back_to(group, meeting, "#attendance")
    if reason := services.attendance_closed_reason(meeting):
        messages.error(request, reason)
        return back_to(group, meeting, "#attendance")
    expected = selectors.attendance_people(meeting)
    existing = {mark.user_id: mark for mark in meeting.attendance.all()}
    form = AttendanceForm(request.POST, members=expected, meeting=meeting, existing=existing)
    if form_saved(
        request,
        form,
        lambda: services.attendance_record(meeting=meeting, by=request.user, rows=form.rows()),
        _("Attendance saved; hours are on each member's record."),
    ):
        return back_to(group, meeting, "#attendance")
    return detail_page(request, group, access, meeting, attendance_form=form)


@login_required
@require_GET
def pd_hours(request: HttpRequest) -> HttpResponse:
    record, query = page_of(request, selectors.pd_record(request.user), 50)
    return render(
        request,
        "meetings/pd_hours.html",
        {"record": record, "query": query, "summary": selectors.pd_summary(request.user)},
    )


@login_required
@require_GET
def pd_hours_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kahui-pd-hours.csv"'
    writer = SafeWriter(response)
    writer.writerow([_("Date"), _("Group"), _("Meeting"), _("Minutes"), _("Hours")])
    for mark in selectors.pd_record(request.user).iterator():
        start = timezone.localtime(mark.meeting.starts_at)
        writer.writerow(
            [
                start.date().isoformat(),
                mark.meeting.group.name,
                mark.meeting.title,
                mark.minutes_attended,
                f"{mark.minutes_attended / 60:.2f}",
            ]
        )
    return response

from django.urls import path

from kahui.meetings import views

app_name = "meetings"
G = "groups/<uuid:group_id>"
M = f"{G}/meetings/<uuid:meeting_id>"
urlpatterns = [
    path(f"{G}/meetings/", views.meeting_list, name="list"),
    path(f"{G}/meetings/new/", views.schedule, name="schedule"),
    path(f"{M}/", views.detail, name="detail"),
    path(f"{M}/edit/", views.edit, name="edit"),
    path(f"{M}/agenda/", views.agenda_edit, name="agenda_edit"),
    path(f"{M}/minutes/", views.minutes, name="minutes"),
    path(f"{M}/minutes/history/", views.minutes_history, name="minutes_history"),
    path(f"{M}/minutes/editors/", views.minutes_editors, name="minutes_editors"),
    path(f"{M}/clock/", views.clock, name="clock"),
    path(f"{M}/clock/move/", views.clock_move, name="clock_move"),
    path(f"{M}/decisions/", views.decision_add, name="decision_add"),
    path(f"{M}/actions/", views.action_add, name="action_add"),
    path(f"{M}/attendance/", views.attendance, name="attendance"),
    path(f"{M}/duties/", views.duties, name="duties"),
    path(f"{M}/agreements-reviewed/", views.norms_reviewed, name="norms_reviewed"),
    path(f"{M}/guests/", views.guest_add, name="guest_add"),
    path(f"{M}/guests/<uuid:guest_id>/revoke/", views.guest_revoke, name="guest_revoke"),
    path(f"{M}/coming/", views.supporter_rsvp, name="supporter_rsvp"),
    path(f"{M}/meeting.ics", views.meeting_ics, name="ics"),
    path(f"{G}/actions/<uuid:action_id>/status/", views.action_status, name="action_status"),
    path(f"{G}/protocols/", views.templates, name="templates"),
    path(f"{G}/protocols/<uuid:template_id>/copy/", views.template_copy, name="template_copy"),
    path(
        f"{G}/protocols/<uuid:template_id>/default/",
        views.template_default,
        name="template_default",
    ),
    path(f"{G}/protocols/<uuid:template_id>/edit/", views.template_edit, name="template_edit"),
    path(f"{G}/calendar/", views.group_calendar, name="group_calendar"),
    path(f"{G}/calendar/renew/", views.group_calendar_renew, name="group_calendar_renew"),
    path("guest/<str:token>/", views.guest, name="guest"),
    path("actions/", views.my_actions, name="my_actions"),
    path("pd-hours/", views.pd_hours, name="pd_hours"),
    path("pd-hours.csv", views.pd_hours_csv, name="pd_hours_csv"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/renew/", views.calendar_renew, name="calendar_renew"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]

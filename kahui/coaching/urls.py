from django.urls import path

from kahui.coaching import views

app_name = "coaching"
urlpatterns = [
    path("coaching/", views.home, name="home"),
    path("coaching/<uuid:coach_id>/<uuid:facilitator_id>/", views.pair, name="pair"),
    path("coaching/<uuid:coach_id>/<uuid:facilitator_id>/notes/", views.note_add, name="note_add"),
    path(
        "coaching/<uuid:coach_id>/<uuid:facilitator_id>/advice/",
        views.advice_ask,
        name="advice_ask",
    ),
    path(
        "coaching/<uuid:coach_id>/<uuid:facilitator_id>/observations/new/",
        views.observation_new,
        name="observation_new",
    ),
    path("coaching/advice/<uuid:request_id>/answer/", views.advice_answer, name="advice_answer"),
    path("coaching/observations/<uuid:observation_id>/", views.observation, name="observation"),
    path(
        "coaching/observations/<uuid:observation_id>/edit/",
        views.observation_edit,
        name="observation_edit",
    ),
    path(
        "coaching/observations/<uuid:observation_id>/share/",
        views.observation_share,
        name="observation_share",
    ),
    path(
        "coaching/observations/<uuid:observation_id>/reflection/",
        views.reflection_save,
        name="reflection_save",
    ),
    path(
        "coaching/observations/<uuid:observation_id>/done/",
        views.debrief_done,
        name="debrief_done",
    ),
]

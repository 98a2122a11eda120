from django.urls import path

from kahui.programmes import views

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.programme_list, name="list"),
    path("programmes/new/", views.programme_create, name="create"),
    path("programmes/kick-off/<slug:slug>/", views.kit, name="kit"),
    path("programmes/<uuid:public_id>/", views.programme_detail, name="detail"),
    path("programmes/<uuid:public_id>/edit/", views.programme_edit, name="edit"),
    path("programmes/<uuid:public_id>/phase/", views.phase, name="phase"),
    path("programmes/<uuid:public_id>/hand-over/", views.hand_over, name="hand_over"),
    path("programmes/<uuid:public_id>/intake/", views.intake, name="intake"),
    path("programmes/<uuid:public_id>/proposal/", views.proposal, name="proposal"),
    path("programmes/<uuid:public_id>/proposal/new/", views.version_new, name="version_new"),
    path("programmes/<uuid:public_id>/proposal/comment/", views.comment, name="comment"),
    path("programmes/<uuid:public_id>/proposal/agree/", views.agree, name="agree"),
    path("programmes/<uuid:public_id>/generate/", views.generate, name="generate"),
    path("programmes/<uuid:public_id>/coaches/", views.coach_add, name="coach_add"),
    path(
        "programmes/<uuid:public_id>/coaches/<uuid:user_id>/remove/",
        views.coach_remove,
        name="coach_remove",
    ),
    path("programmes/<uuid:public_id>/kick-off/", views.kickoff, name="kickoff"),
    path(
        "programmes/<uuid:public_id>/kick-off/schedule/",
        views.kickoff_schedule,
        name="kickoff_schedule",
    ),
    path(
        "programmes/<uuid:public_id>/kick-off/answer/", views.kickoff_answer, name="kickoff_answer"
    ),
    path("programmes/<uuid:public_id>/circles/new/", views.circle_new, name="circle_new"),
]

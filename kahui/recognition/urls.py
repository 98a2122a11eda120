from django.urls import path

from kahui.recognition import views

app_name = "recognition"
urlpatterns = [
    path("groups/<uuid:group_id>/kudos/", views.group_kudos, name="group"),
    path("groups/<uuid:group_id>/kudos/give/", views.kudos_give, name="give"),
    path(
        "groups/<uuid:group_id>/kudos/<uuid:kudos_id>/withdraw/",
        views.kudos_withdraw,
        name="withdraw",
    ),
    path(
        "groups/<uuid:group_id>/members/<uuid:person_id>/contributions/",
        views.member_contributions,
        name="member_contributions",
    ),
    path("contributions/", views.my_contributions, name="mine"),
    path("learning-record/", views.record, name="record"),
    path("learning-record/<int:year>.csv", views.record_csv, name="record_csv"),
    path("learning-record/activities/new/", views.activity_add, name="activity_add"),
    path(
        "learning-record/activities/<uuid:activity_id>/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "learning-record/activities/<uuid:activity_id>/remove/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(
        "learning-record/certificates/ask/",
        views.certificate_request,
        name="certificate_request",
    ),
    path(
        "learning-record/certificates/<uuid:certificate_id>/",
        views.certificate,
        name="certificate",
    ),
    path(
        "learning-record/certificates/<uuid:certificate_id>/confirm/",
        views.certificate_confirm,
        name="certificate_confirm",
    ),
    path(
        "learning-record/certificates/<uuid:certificate_id>/decline/",
        views.certificate_decline,
        name="certificate_decline",
    ),
    path(
        "learning-record/certificates/<uuid:certificate_id>/revoke/",
        views.certificate_revoke,
        name="certificate_revoke",
    ),
    path(
        "learning-record/certificates/<uuid:certificate_id>/certificate.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("verify/", views.verify, name="verify"),
]

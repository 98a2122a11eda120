from django.urls import path

from kahui.groups import views

app_name = "groups"
urlpatterns = [
    path("explore/", views.explore, name="explore"),
    path("groups/", views.my_groups, name="mine"),
    path("groups/new/", views.create, name="create"),
    path("groups/<uuid:group_id>/", views.home, name="home"),
    path("groups/<uuid:group_id>/setup/<slug:step>/", views.setup, name="setup"),
    path("groups/<uuid:group_id>/edit/<slug:section>/", views.edit, name="edit"),
    path("groups/<uuid:group_id>/history/", views.history, name="history"),
    path("groups/<uuid:group_id>/members/", views.members, name="members"),
    path("groups/<uuid:group_id>/members/invite/", views.invite_members, name="invite_members"),
    path(
        "groups/<uuid:group_id>/members/<uuid:user_id>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "groups/<uuid:group_id>/members/<uuid:user_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "groups/<uuid:group_id>/invites/<uuid:invite_id>/revoke/",
        views.invite_revoke,
        name="invite_revoke",
    ),
    path("groups/<uuid:group_id>/join/", views.join, name="join"),
    path("groups/<uuid:group_id>/request/", views.request_join, name="request"),
    path(
        "groups/<uuid:group_id>/requests/<uuid:request_id>/decide/",
        views.request_decide,
        name="request_decide",
    ),
    path(
        "groups/<uuid:group_id>/requests/<uuid:request_id>/withdraw/",
        views.request_withdraw,
        name="request_withdraw",
    ),
    path("groups/<uuid:group_id>/leave/", views.leave, name="leave"),
    path("invites/<str:token>/", views.invite, name="invite"),
    path(
        "groups/<uuid:group_id>/supporters/invite/",
        views.supporter_invite,
        name="supporter_invite",
    ),
    path(
        "groups/<uuid:group_id>/supporters/<uuid:supporter_id>/revoke/",
        views.supporter_revoke,
        name="supporter_revoke",
    ),
    path("supporting/", views.supporting, name="supporting"),
    path(
        "supporting/<uuid:supporter_id>/<slug:answer>/",
        views.supporter_answer,
        name="supporter_answer",
    ),
]

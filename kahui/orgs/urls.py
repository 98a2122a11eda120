from django.urls import path

from kahui.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_list, name="list"),
    path("new/", views.org_create, name="create"),
    path("join/", views.org_join, name="join"),
    path("invites/<str:token>/", views.invite, name="invite"),
    path("<slug:slug>/", views.org_detail, name="detail"),
    path("<slug:slug>/edit/", views.org_edit, name="edit"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/<uuid:user_id>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/members/<uuid:user_id>/remove/", views.member_remove, name="member_remove"),
    path("<slug:slug>/invites/<uuid:invite_id>/revoke/", views.invite_revoke, name="invite_revoke"),
    path("<slug:slug>/code/", views.reset_code, name="reset_code"),
    path("<slug:slug>/domains/", views.domains, name="domains"),
    path("<slug:slug>/domains/<uuid:domain_id>/sso/", views.domain_sso, name="domain_sso"),
    path("<slug:slug>/domains/<uuid:domain_id>/remove/", views.domain_remove, name="domain_remove"),
    path("<slug:slug>/history/", views.history, name="history"),
    path("<slug:slug>/focus-areas/", views.focus_areas, name="focus_areas"),
    path("<slug:slug>/terms/", views.terms, name="terms"),
    path("<slug:slug>/terms/<uuid:period_id>/delete/", views.term_delete, name="term_delete"),
]

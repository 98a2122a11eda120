from django.urls import path

from kahui.proposals import views

app_name = "proposals"
G = "groups/<uuid:group_id>/proposals"
P = f"{G}/<uuid:proposal_id>"
urlpatterns = [
    path(f"{G}/", views.proposal_list, name="list"),
    path(f"{G}/new/", views.proposal_new, name="new"),
    path(f"{G}/rules/", views.rules, name="rules"),
    path(f"{G}/awaiting/", views.awaiting, name="awaiting"),
    path(f"{P}/", views.proposal_detail, name="detail"),
    path(f"{P}/respond/", views.respond, name="respond"),
    path(f"{P}/close/", views.close, name="close"),
]

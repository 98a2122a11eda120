from django.urls import path

from kahui.formation import views

app_name = "formation"
F = "orgs/<slug:slug>/formation"
urlpatterns = [
    path(f"{F}/", views.runs, name="runs"),
    path(f"{F}/new/", views.new, name="new"),
    path(f"{F}/<uuid:run_id>/", views.run_view, name="run"),
    path(f"{F}/<uuid:run_id>/move/", views.move, name="move"),
    path(f"{F}/<uuid:run_id>/publish/", views.publish, name="publish"),
]

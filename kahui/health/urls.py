from django.urls import path

from kahui.health import views

app_name = "health"
G = "groups/<uuid:group_id>/health"
urlpatterns = [
    path(f"{G}/", views.overview, name="overview"),
    path(f"{G}/answer/", views.answer, name="answer"),
    path(f"{G}/status/", views.status, name="status"),
    path(f"{G}/settings/", views.health_settings, name="settings"),
    path(f"{G}/open/", views.check_open, name="open"),
]

from django.urls import path

from kahui.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.health, name="health"),
    path("activity/", views.activity, name="activity"),
    path("favicon.ico", views.favicon, name="favicon"),
]

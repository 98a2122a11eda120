from django.urls import path

from kahui.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/", views.home, name="home"),
    path("activity/", views.activity, name="activity"),
]

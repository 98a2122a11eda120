from django.urls import path

from kahui.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/", views.home, name="home"),
    path("dashboard/actions/<uuid:action_id>/done/", views.action_done, name="action_done"),
    path("activity/", views.activity, name="activity"),
]

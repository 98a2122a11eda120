from django.urls import path

from kahui.retrospective import views

app_name = "retrospective"
urlpatterns = [
    path(
        "groups/<uuid:group_id>/inquiry/<uuid:cycle_id>/retrospective/",
        views.retrospective,
        name="page",
    ),
]

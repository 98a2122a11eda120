from django.urls import path

from kahui.voice import views

app_name = "voice"
G = "groups/<uuid:group_id>/voice"
S = f"{G}/<uuid:survey_id>"
urlpatterns = [
    path(f"{G}/", views.survey_list, name="list"),
    path(f"{G}/new/", views.survey_new, name="new"),
    path(f"{S}/", views.survey_detail, name="detail"),
    path(f"{S}/answers.csv", views.survey_csv, name="csv"),
    path(f"{S}/close/", views.survey_close, name="close"),
    path(f"{S}/reopen/", views.survey_reopen, name="reopen"),
    path("survey/<str:token>/", views.answer, name="answer"),
]

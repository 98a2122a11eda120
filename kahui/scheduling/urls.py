from django.urls import path

from kahui.scheduling import views

app_name = "scheduling"
G = "groups/<uuid:group_id>"
P = f"{G}/polls/<uuid:poll_id>"
urlpatterns = [
    path(f"{G}/polls/", views.poll_list, name="polls"),
    path(f"{G}/polls/new/", views.poll_create, name="poll_create"),
    path(f"{P}/", views.poll_detail, name="poll"),
    path(f"{P}/answer/", views.poll_answer, name="poll_answer"),
    path(f"{P}/close/", views.poll_close, name="poll_close"),
    path(f"{P}/choose/<uuid:option_id>/", views.poll_choose, name="poll_choose"),
    path(f"{G}/times/", views.group_times, name="group_times"),
    path("availability/", views.availability, name="availability"),
]

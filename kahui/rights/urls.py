from django.urls import path

from kahui.rights import views

app_name = "rights"
urlpatterns = [
    path("profile/my-data/", views.my_data, name="my_data"),
    path("profile/my-data/<uuid:export_id>/", views.export_download, name="export_download"),
    path("profile/delete/", views.delete_account, name="delete_account"),
    path("orgs/<slug:slug>/audit/", views.audit, name="audit"),
    path("orgs/<slug:slug>/retention/", views.retention, name="retention"),
]

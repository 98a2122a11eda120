from django.urls import path

from kahui.roster import views

app_name = "roster"
R = "orgs/<slug:slug>/roster"
urlpatterns = [
    path(f"{R}/", views.home, name="home"),
    path(f"{R}/template.csv", views.template, name="template"),
    path(f"{R}/export.csv", views.export_csv, name="export_csv"),
    path(f"{R}/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path(f"{R}/imports/<uuid:import_id>/", views.import_view, name="import"),
    path(f"{R}/imports/<uuid:import_id>/confirm/", views.confirm, name="confirm"),
]

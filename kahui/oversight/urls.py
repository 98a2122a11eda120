from django.urls import path

from kahui.oversight import views

app_name = "oversight"
O = "orgs/<slug:slug>/oversight"  # noqa: E741
P = "programmes/<uuid:programme_id>/oversight"
urlpatterns = [
    path("facilitating/", views.facilitating, name="facilitating"),
    path("groups/<uuid:group_id>/figures/", views.group_figures, name="group"),
    path(f"{O}/", views.dashboard, name="dashboard"),
    path(f"{O}/cohort/", views.cohort_view, name="cohort"),
    path(f"{O}/report/", views.report, name="report"),
    path(f"{O}/report.csv", views.report_csv, name="report_csv"),
    path(f"{O}/report.pdf", views.report_pdf, name="report_pdf"),
    path(f"{O}/hours.csv", views.hours_csv, name="hours_csv"),
    path("orgs/<slug:slug>/objectives/", views.objectives, name="objectives"),
    path("orgs/<slug:slug>/objectives/<uuid:objective_id>/", views.objective, name="objective"),
    path(f"{P}/", views.programme_dashboard, name="programme_dashboard"),
    path(f"{P}/report/", views.programme_report, name="programme_report"),
    path(f"{P}/report.csv", views.programme_report_csv, name="programme_report_csv"),
    path(f"{P}/report.pdf", views.programme_report_pdf, name="programme_report_pdf"),
]

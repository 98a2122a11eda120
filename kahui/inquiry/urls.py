from django.urls import path

from kahui.inquiry import views

app_name = "inquiry"
G = "groups/<uuid:group_id>/inquiry"
C = f"{G}/<uuid:cycle_id>"
urlpatterns = [
    path(f"{G}/", views.home, name="home"),
    path(f"{G}/start/", views.start, name="start"),
    path(f"{C}/", views.cycle_detail, name="cycle"),
    path(f"{C}/edit/", views.cycle_edit, name="cycle_edit"),
    path(f"{C}/move/", views.move, name="move"),
    path(f"{C}/summary/", views.summary, name="summary"),
    path(f"{C}/summary/pdf/", views.summary_pdf, name="summary_pdf"),
    path(f"{C}/stages/<slug:stage>/", views.record, name="record"),
    path(f"{C}/stages/<slug:stage>/history/", views.record_history, name="record_history"),
    path(f"{C}/stages/<slug:stage>/comments/", views.record_comment, name="record_comment"),
    path(f"{C}/trials/", views.trial_add, name="trial_add"),
    path(f"{C}/actions/", views.action_add, name="action_add"),
    path(f"{C}/goals/new/", views.goal_add, name="goal_add"),
    path(f"{C}/goals/<uuid:measure_id>/", views.goal_edit, name="goal_edit"),
    path(f"{C}/goals/<uuid:measure_id>/readings/", views.reading_add, name="reading_add"),
    path(f"{C}/revisits/", views.revisits, name="revisits"),
    path(f"{C}/evidence/", views.evidence, name="evidence"),
    path(f"{C}/evidence/new/", views.evidence_add, name="evidence_add"),
    path(f"{C}/evidence/<uuid:item_id>/", views.evidence_edit, name="evidence_edit"),
    path(f"{C}/evidence/<uuid:item_id>/delete/", views.evidence_delete, name="evidence_delete"),
    path(f"{C}/evidence/<uuid:item_id>/file/", views.evidence_file, name="evidence_file"),
    path(f"{C}/data/import/", views.data_import, name="data_import"),
    path(f"{C}/data/new/", views.data_new, name="data_new"),
    path(f"{C}/data/expected/", views.expected_levels, name="expected_levels"),
    path(f"{C}/data/<uuid:data_set_id>/", views.data_set, name="data_set"),
    path(f"{C}/data/<uuid:data_set_id>/edit/", views.data_edit, name="data_edit"),
    path(f"{C}/data/<uuid:data_set_id>/delete/", views.data_delete, name="data_delete"),
    path(f"{C}/data/<uuid:data_set_id>/csv/", views.data_csv, name="data_csv"),
    path(f"{C}/analysis/", views.analysis, name="analysis"),
    path(f"{C}/analysis/csv/", views.analysis_csv, name="analysis_csv"),
]

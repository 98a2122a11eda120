"""Oversight pages: the coordinator dashboard of an organisation, a cluster or a
programme, a group's figures, the cohort, the objectives, the term and year reports
(page, CSV, PDF) with the period before, the PD-hours export, and the facilitator home.
Who may open what: ``access.py`` (a group's figures: ``groups/access.py``)."""

from kahui.oversight.views.dashboard import (
    cohort_view,
    dashboard,
    facilitating,
    group_figures,
    programme_dashboard,
)
from kahui.oversight.views.objectives import objective, objectives
from kahui.oversight.views.reports import (
    hours_csv,
    programme_report,
    programme_report_csv,
    programme_report_pdf,
    report,
    report_csv,
    report_pdf,
)

__all__ = [
    "cohort_view",
    "dashboard",
    "facilitating",
    "group_figures",
    "hours_csv",
    "objective",
    "objectives",
    "programme_dashboard",
    "programme_report",
    "programme_report_csv",
    "programme_report_pdf",
    "report",
    "report_csv",
    "report_pdf",
]

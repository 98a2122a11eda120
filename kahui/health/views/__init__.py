"""The group's health pages: the overview with results and trends, the answer form,
the viewer's own status for the group home, and the facilitators' settings.

The pages are split by what they are for; the URL table reads them all from here."""

from kahui.health.views.answering import answer, status
from kahui.health.views.findings import overview
from kahui.health.views.running import check_open, health_settings

__all__ = ["answer", "check_open", "health_settings", "overview", "status"]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "kahui.oversight"
    label = "oversight"
    verbose_name = _("Oversight and reports")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.orgs.pages import detail_parts
        from kahui.oversight.pages import organisation_card

        # Coordinators reach the dashboard, cohort, reports and objectives from the
        # organisation's page.
        detail_parts.add(
            "oversight",
            PagePart(template="oversight/_organisation.html", context=organisation_card),
        )

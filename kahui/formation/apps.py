from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormationConfig(AppConfig):
    name = "kahui.formation"
    label = "formation"
    verbose_name = _("Group formation")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.formation.pages import organisation_card
        from kahui.orgs.pages import detail_parts

        # Coordinators form groups from the organisation's page.
        detail_parts.add(
            "formation",
            PagePart(template="formation/_organisation.html", context=organisation_card),
        )

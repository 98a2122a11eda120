from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RosterConfig(AppConfig):
    name = "kahui.roster"
    label = "roster"
    verbose_name = _("Roster import and export")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.orgs.pages import detail_parts
        from kahui.roster import activity  # noqa: F401  (registers the activity codes)
        from kahui.roster.pages import organisation_card

        # Administrators reach the roster from the organisation's page.
        detail_parts.add(
            "roster", PagePart(template="roster/_organisation.html", context=organisation_card)
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "kahui.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.groups.pages import facilitator_needs
        from kahui.orgs.pages import detail_parts
        from kahui.programmes import selectors

        # An organisation's page lists its programmes, for those who may see them.
        detail_parts.add(
            "programmes",
            PagePart(template="programmes/_organisation.html", context=selectors.organisation_card),
        )
        # The facilitator home reminds facilitators of the kick-off tasks to answer.
        facilitator_needs.add("programmes", selectors.kickoff_waiting)

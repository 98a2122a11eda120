from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RosterConfig(AppConfig):
    name = "kahui.roster"
    label = "roster"
    verbose_name = _("Roster import and export")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.notifications.scheduler import jobs as periodic
        from kahui.orgs.pages import detail_parts
        from kahui.orgs.services import invite_accepted
        from kahui.roster import activity  # noqa: F401  (registers the activity codes)
        from kahui.roster.jobs import previews_prune
        from kahui.roster.joining import details_apply
        from kahui.roster.pages import organisation_card

        # Administrators reach the roster from the organisation's page.
        detail_parts.add(
            "roster", PagePart(template="roster/_organisation.html", context=organisation_card)
        )
        # Someone the roster invited joins with the subjects etc. of their row.
        invite_accepted.add("roster details", details_apply)
        periodic.add("forget roster previews", previews_prune)

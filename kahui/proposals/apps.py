from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "kahui.proposals"
    label = "proposals"
    verbose_name = _("Proposals")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.core.search import sources
        from kahui.groups.pages import home_parts
        from kahui.notifications.scheduler import jobs as periodic
        from kahui.proposals import jobs, selectors, services

        home_parts.add(
            "open proposals",
            PagePart(template="proposals/_group_home.html", context=selectors.home_card),
        )
        periodic.add("close proposals", jobs.close_proposals)
        periodic.add("proposal reminders", jobs.proposal_reminders)
        sources.add("proposal", services.proposals_reindex)

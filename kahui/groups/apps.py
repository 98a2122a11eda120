from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "kahui.groups"
    label = "groups"
    verbose_name = _("Learning groups")

    def ready(self) -> None:
        from kahui.core import search
        from kahui.core.registry import PagePart
        from kahui.groups import access, selectors, services
        from kahui.orgs.focus_areas import Holders, holders
        from kahui.orgs.pages import detail_parts

        # An organisation's page lists its learning groups.
        detail_parts.add(
            "groups",
            PagePart(template="groups/_organisation.html", context=selectors.organisation_card),
        )

        # Organisations review the focus areas their groups typed.
        holders.add(
            "groups",
            Holders(held_in=selectors.focus_areas_held_in, shown=selectors.with_groups_here),
        )
        # Search finds groups by name for whom the groups' own rule allows.
        search.audiences.add("group", lambda viewer: access.groups_found_by(viewer).values("pk"))
        search.sources.add("group", services.groups_reindex)

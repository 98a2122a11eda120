from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "kahui.groups"
    label = "groups"
    verbose_name = _("Learning groups")

    def ready(self) -> None:
        from kahui.groups import selectors
        from kahui.orgs.focus_areas import Holders, holders

        # Organisations review the focus areas their groups typed.
        holders.add(
            "groups",
            Holders(held_in=selectors.focus_areas_held_in, shown=selectors.with_groups_here),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kahui.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from kahui.accounts import selectors
        from kahui.orgs.focus_areas import Holders, holders

        # Organisations review the focus areas their people list on their profiles.
        holders.add(
            "profiles",
            Holders(held_in=selectors.interests_held_in, shown=selectors.with_people_here),
        )

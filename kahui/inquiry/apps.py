from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiryConfig(AppConfig):
    name = "kahui.inquiry"
    label = "inquiry"
    verbose_name = _("Inquiry")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.groups.pages import home_parts
        from kahui.inquiry import selectors

        home_parts.add(
            "inquiry",
            PagePart(template="inquiry/_group_home.html", context=selectors.home_card),
        )

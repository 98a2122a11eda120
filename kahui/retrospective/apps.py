from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetrospectiveConfig(AppConfig):
    name = "kahui.retrospective"
    label = "retrospective"
    verbose_name = _("Retrospectives")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.inquiry.pages import round_end_parts
        from kahui.retrospective import selectors

        round_end_parts.add(
            "retrospective",
            PagePart(template="retrospective/_round_end.html", context=selectors.round_end_card),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "kahui.voice"
    label = "voice"
    verbose_name = _("Learner and whānau voice")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.groups.pages import home_parts
        from kahui.voice import selectors

        home_parts.add(
            "open surveys",
            PagePart(template="voice/_group_home.html", context=selectors.open_surveys_card),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "kahui.discussions"
    label = "discussions"
    verbose_name = _("Discussions")

    def ready(self) -> None:
        from kahui.core.search import sources
        from kahui.discussions import selectors
        from kahui.discussions.services import posts_reindex
        from kahui.groups.pages import card_figures

        card_figures.add("unread_threads", selectors.unread_threads)
        sources.add("post", posts_reindex)

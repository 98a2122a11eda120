from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "kahui.recognition"
    label = "recognition"
    verbose_name = _("Recognition")

    def ready(self) -> None:
        from kahui.core.registry import PagePart
        from kahui.groups.models import LearningGroup
        from kahui.groups.pages import home_parts
        from kahui.groups.signals import goal_met, round_finished
        from kahui.notifications.scheduler import jobs
        from kahui.recognition import milestones, selectors

        home_parts.add(
            "recognition",
            PagePart(template="recognition/_group_home.html", context=selectors.recognition_card),
        )
        round_finished.connect(
            milestones.on_round_finished, sender=LearningGroup, dispatch_uid="recognition-round"
        )
        goal_met.connect(milestones.on_goal_met, dispatch_uid="recognition-goal")
        jobs.add("years of meeting", milestones.years_of_meeting)

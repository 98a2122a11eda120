"""What apps above groups add to the group pages."""

from collections.abc import Callable
from typing import Any

from kahui.core.registry import PagePart, Registry

# Cards in the side column of the group home, below the requests to join. Each part's
# context function takes the group and the viewer's GroupAccess; the home is a cached
# fragment, so a part that goes stale at a known time sets EXPIRES_AT
# (kahui.core.fragments) and the earliest of them wins.
home_parts: Registry[PagePart] = Registry("cards in the side column of the group home")

# Figures on the cards of a member's groups (My groups, the dashboard): each is an
# annotation of LearningGroup, made for the viewing user and named as it is registered
# (kahui.discussions adds ``unread_threads``).
card_figures: Registry[Callable[[Any], Any]] = Registry("figures on the cards of a member's groups")

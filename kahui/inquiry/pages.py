"""What apps above the inquiry add to its pages."""

from typing import Any

from kahui.core.registry import PagePart, Registry

# Cards on a cycle's page and on the page that finishes a round, shown once the round
# has reached its last stage (and on an ended round's page). Each part's context
# function takes the group, the viewer's GroupAccess and the cycle, and returns None
# when it has nothing for this viewer (kahui.retrospective adds the retrospective).
round_end_parts: Registry[PagePart] = Registry("cards at the end of an inquiry round")


def round_end(group, access, cycle) -> dict[str, Any]:
    """The parts' templates (``round_end_parts``) and their contexts, for a page's context."""
    context: dict[str, Any] = {}
    templates = []
    for part in round_end_parts:
        extra = part.context(group, access, cycle)
        if extra is None:
            continue
        context.update(extra)
        templates.append(part.template)
    context["round_end_parts"] = templates
    return context

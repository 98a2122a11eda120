"""The engine's reasons and the board's broken rules in words, translated, naming
people by name."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kahui.formation.board import Breach, Rule
from kahui.formation.engine import Explanation, Problem


def explanation_row(explanation: Explanation) -> dict[str, Any]:
    """An explanation as stored with a run."""
    return {
        "problem": explanation.problem.value,
        "people": list(explanation.people),
        "figures": dict(explanation.figures),
    }


def _who(ids: list[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(pid, pid) for pid in ids)


def explanation_text(row: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """A stored explanation in words."""
    f = row.get("figures", {})
    who = _who(row.get("people", []), names)
    match row.get("problem"):
        case Problem.EMPTY:
            return _("The cohort is empty.")
        case Problem.SIZES:
            return _("%(people)s people cannot be split into groups of %(min)s to %(max)s.") % {
                "people": f["people"],
                "min": f["min_size"],
                "max": f["max_size"],
            }
        case Problem.NO_WINDOW:
            return _("No free window of %(minutes)s minutes: %(who)s.") % {
                "minutes": f["minutes"],
                "who": who,
            }
        case Problem.TOGETHER_TOO_BIG:
            return _(
                "These people must be together but are more than a group holds "
                "(%(size)s, at most %(max)s): %(who)s."
            ) % {"size": f["size"], "max": f["max_size"], "who": who}
        case Problem.TOGETHER_AND_APART:
            return _("These people must be together and also apart: %(who)s.") % {"who": who}
        case Problem.TOGETHER_NO_WINDOW:
            return _(
                "These people must be together but have no common free window of "
                "%(minutes)s minutes: %(who)s."
            ) % {"minutes": f["minutes"], "who": who}
        case Problem.TOGETHER_NOTHING_SHARED:
            return _("These people must be together but share nothing required: %(who)s.") % {
                "who": who
            }
        case Problem.NOTHING_SHARED:
            return _("These people hold nothing of what every member must share: %(who)s.") % {
                "who": who
            }
        case Problem.NO_COMPANY:
            return _(
                "Fewer than %(min)s people of the cohort are free at any time these people "
                "are free: %(who)s."
            ) % {"min": f["min_size"], "who": who}
        case Problem.NOT_PLACED:
            return _(
                "No group could take these people within the rules (a common window, what "
                "must be shared, who must be apart): %(who)s."
            ) % {"who": who}
        case Problem.FACILITATORS:
            return _(
                "The facilitators could not be spread one to each of the %(groups)s groups "
                "within their free windows."
            ) % {"groups": f["groups"]}
        case Problem.UNKNOWN_PERSON:
            return _("A together or apart pair names someone not in the cohort: %(who)s.") % {
                "who": who
            }
        case Problem.BAD_RULES:
            return _("The size range is not valid.")
    return _("The groups could not be formed (%(code)s).") % {"code": row.get("problem")}


def breach_text(breach: Breach, names: Mapping[str, str], *, min_size: int, max_size: int) -> str:
    """A broken hard rule in words."""
    group = breach.group
    who = _who(list(breach.people), names)
    match breach.rule:
        case Rule.MIN_SIZE:
            return ngettext(
                "Group %(group)s: fewer than %(min)s member (the size range).",
                "Group %(group)s: fewer than %(min)s members (the size range).",
                min_size,
            ) % {"group": group, "min": min_size}
        case Rule.MAX_SIZE:
            return ngettext(
                "Group %(group)s: more than %(max)s member (the size range).",
                "Group %(group)s: more than %(max)s members (the size range).",
                max_size,
            ) % {"group": group, "max": max_size}
        case Rule.TOGETHER:
            return _("%(who)s must be together.") % {"who": who}
        case Rule.APART:
            return _("%(who)s must be apart, and are both in group %(group)s.") % {
                "who": who,
                "group": group,
            }
        case Rule.WINDOW:
            return _("Group %(group)s: no common free window long enough to meet.") % {
                "group": group
            }
        case Rule.SHARE:
            return _("Group %(group)s: nothing that every member shares, as the rules ask.") % {
                "group": group
            }
        case Rule.FACILITATOR:
            return _("Group %(group)s: no facilitator.") % {"group": group}
    return str(breach.rule)  # pragma: no cover

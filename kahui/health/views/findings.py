"""The group's health overview: the latest published results with the weakest condition
and a next step, and the trend of every condition over the checks."""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kahui.groups.access import GroupAccess, group_view
from kahui.groups.models import LearningGroup
from kahui.health import access as health_access
from kahui.health import selectors
from kahui.health.charts import Point, trend_svg
from kahui.health.conditions import CONDITION_INFO, StepKind, all_conditions
from kahui.health.results import LEVELS

TREND_POINTS = 8  # the charts show the latest checks; the table shows them all
# A drawn chart is kept under a key that changes when a check closes; the timeout only
# frees the memory of groups nobody looks at.
TREND_SECONDS = 7 * 24 * 60 * 60
NONCE = "kahui-csp-nonce"  # stands for the request's CSP nonce in a kept chart


def _number(value: float) -> str:
    """A mean to one decimal, halves rounded up (3.25 reads 3.3), in the viewer's locale."""
    return formats.number_format(Decimal(_plain(value)), 1)


def _plain(value: float) -> str:
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _day(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j M Y")


def _short_day(moment: datetime) -> str:
    local = timezone.localtime(moment)
    same_year = local.year == timezone.localdate().year
    return formats.date_format(local, "j M" if same_year else "M Y")


def _next_step(group: LearningGroup, access: GroupAccess, key: str) -> dict[str, Any]:
    """The suggested next step for the weakest condition, with a link to where it is
    done, for those who may do it there."""
    step = CONDITION_INFO[key].next_step
    url, label = "", ""
    if step.kind == StepKind.PROTOCOL and access.is_member:
        url = reverse("meetings:templates", args=[group.public_id]) + f"#protocol-{step.target}"
        label = _("See the protocol")
    elif step.kind == StepKind.AGREEMENTS and access.is_facilitator:
        url = reverse("groups:edit", args=[group.public_id, step.target])
        label = _("Review the agreements") if step.target == "norms" else _("Edit the vision")
    elif step.kind == StepKind.AGREEMENTS and access.is_member:
        anchor = "norms-title" if step.target == "norms" else "vision-title"
        url = reverse("groups:home", args=[group.public_id]) + f"#{anchor}"
        label = _("Read the agreements") if step.target == "norms" else _("Read the vision")
    elif step.kind == StepKind.CADENCE and access.is_facilitator:
        url = reverse("groups:edit", args=[group.public_id, "structure"])
        label = _("Change how often you meet")
    return {"text": step.text, "url": url, "label": label, "kind": step.kind}


def _names() -> dict[str, str]:
    """Each condition's name, translated once for the page."""
    return {condition.key: str(condition.name) for condition in all_conditions()}


def _trend(
    request: HttpRequest, overview: selectors.Overview, names: dict[str, str]
) -> dict[str, Any]:
    """The table of every closed check (newest first) and a trend chart per condition
    of the latest published ones. Each check's dates and numbers are written once."""
    rows = []
    for check in overview.checks:
        result = overview.results.get(check.pk)
        rows.append(
            {
                "check": check,
                "day": _day(check.closed_at),
                "short": _short_day(check.closed_at),
                "result": result,
                "means": {key: _number(mean) for key, mean in result.means.items()}
                if result
                else None,
            }
        )
    shown = [row for row in reversed(rows) if row["result"] is not None][-TREND_POINTS:]
    weakest = overview.latest.weakest if overview.latest else None
    charts = []
    if shown:
        drawn = _trend_charts(overview, names, shown, weakest)
        # None without the CSP middleware; otherwise made on first use (the header
        # then names it).
        nonce = get_nonce(request)
        for key, name in names.items():
            svg = drawn[key]
            if nonce is None:
                svg = svg.replace(f' nonce="{NONCE}"', "")
            else:
                svg = svg.replace(NONCE, str(nonce))
            charts.append({"name": name, "weakest": key == weakest, "svg": svg})
    for row in rows:
        row["cells"] = [row["means"][key] for key in names] if row["means"] else None
    return {"charts": charts, "rows": rows}


def _trend_charts(
    overview: selectors.Overview,
    names: dict[str, str],
    shown: list[dict[str, Any]],
    weakest: str | None,
) -> dict[str, str]:
    """Each condition's trend chart, drawn once until the next check closes: pygal
    takes milliseconds a chart, and the page shows six. The key holds the group, its
    latest closed check and what the texts are drawn in (language, time zone, and the
    year, which decides how a date is shortened)."""
    stamp = ":".join(
        [
            "health-trend",
            str(overview.checks[0].group_id),
            str(overview.checks[0].pk),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            str(timezone.localdate().year),
        ]
    )
    keys = {key: f"{stamp}:{key}" for key in names}
    cache = caches["fragments"]
    kept = cache.get_many(keys.values())
    drawn = {key: kept[full] for key, full in keys.items() if full in kept}
    missing = {}
    for key, name in names.items():
        if key in drawn:
            continue
        readings = ", ".join(
            _("%(value)s on %(day)s") % {"value": row["means"][key], "day": row["day"]}
            for row in shown
        )
        description = _(
            "The mean answer to “%(name)s”, on a scale from 1 to 5, in the last %(count)s "
            "health checks: %(readings)s."
        ) % {"name": name, "count": len(shown), "readings": readings}
        points = [
            Point(label=row["short"], value=row["result"].means[key], text=row["means"][key])
            for row in shown
        ]
        drawn[key] = missing[keys[key]] = trend_svg(
            chart_id=f"trend-{key}",
            title=_("%(name)s over time") % {"name": name},
            description=description,
            points=points,
            nonce=NONCE,
            highlight=key == weakest,
        )
    if missing:
        cache.set_many(missing, TREND_SECONDS)
    return drawn


def _latest(
    overview: selectors.Overview, group, access, names: dict[str, str]
) -> dict[str, Any] | None:
    latest = overview.latest
    if latest is None:
        return None
    previous = overview.previous
    rows = []
    for key, name in names.items():
        mean = latest.means[key]
        change = None
        if previous is not None:
            delta = Decimal(_plain(mean)) - Decimal(_plain(previous.means[key]))
            change = ("+" if delta > 0 else "") + formats.number_format(delta, 1)
        rows.append(
            {
                "name": name,
                "mean": _number(mean),
                "change": change,
                "levels": list(zip(LEVELS, latest.results.tallies[key], strict=True)),
                "weakest": key == latest.weakest,
            }
        )
    return {
        "check": latest.check,
        "rows": rows,
        "weakest": names[latest.weakest] if latest.weakest else None,
        "weakest_mean": _number(latest.means[latest.weakest]) if latest.weakest else "",
        "next_step": _next_step(group, access, latest.weakest) if latest.weakest else None,
    }


@group_view(health_access.READ)
@require_GET
def overview(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    comments = health_access.can_read_comments(access)
    data = selectors.overview(group, user=request.user, with_comments=comments)
    names = _names()
    return render(
        request,
        "health/overview.html",
        {
            "group": group,
            "access": access,
            "data": data,
            "latest": _latest(data, group, access, names),
            "trend": _trend(request, data, names),
            "names": names.values(),
            "show_comments": comments,
            "can_answer": health_access.can_answer(access),
            "can_run": health_access.can_run_checks(access),
        },
    )

"""What a cycle's data show, with its charts, and the table behind them as CSV."""

import hashlib
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from kahui.core.fragments import cached_fragment, group_stamp
from kahui.groups.access import GroupAccess, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import findings, selectors
from kahui.inquiry.access import READ
from kahui.inquiry.views.data_sets import csv_download
from kahui.inquiry.views.lookup import cycle_in


@group_view(READ)
@require_GET
def analysis(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """What the cycle's data show, per measure (``?measure=`` for one): before and
    after, the trend, the spread, benchmarks, the goals' progress, the effect size.

    The charts take pygal a few milliseconds each, so the part below the header is
    cached until the group's next change (every change writes the activity log)."""
    cycle = cycle_in(group, cycle_id)
    measure = request.GET.get("measure") or None

    def context() -> dict:
        found = findings.measure_findings(cycle, measure=measure)
        headers, rows = findings.analysis_table(found)
        return {
            "group": group,
            "cycle": cycle,
            "findings": found,
            "measure": measure,
            "goals": selectors.goal_cards(cycle),
            "table_headers": headers,
            "table_rows": rows,
        }

    body = cached_fragment(
        request,
        template="inquiry/_analysis.html",
        key=[cycle.pk, group_stamp(group.pk), hashlib.sha256((measure or "").encode()).hexdigest()],
        context=context,
    )
    body = mark_safe(body.replace(findings.NONCE_PLACEHOLDER, str(get_nonce(request))))
    return render(
        request,
        "inquiry/analysis.html",
        {"group": group, "cycle": cycle, "body": body, "measure": measure},
    )


@group_view(READ)
@require_GET
def analysis_csv(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """The analysis table as CSV."""
    cycle = cycle_in(group, cycle_id)
    found = findings.measure_findings(cycle, measure=request.GET.get("measure") or None)
    headers, rows = findings.analysis_table(found)
    response, writer = csv_download(f"inquiry-round-{cycle.number}-analysis.csv")
    writer.writerow(headers)
    writer.writerows(rows)
    return response

"""The portfolio: the items a member chooses as evidence of growth, each with the
standard it shows, and its PDF with the year's hours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kahui.core.pdf import pdf_response
from kahui.recognition.selectors import record_years, this_year
from kahui.reflection import selectors, services
from kahui.reflection.forms import PortfolioExportForm
from kahui.reflection.models import Standard


def _years(user) -> list[int]:
    return record_years(user)


@login_required
@require_http_methods(["GET", "POST"])
def portfolio(request: HttpRequest) -> HttpResponse:
    """What the member gathers as evidence of growth: choose items and the standard
    each shows (POST saves the choice), then export it as a PDF."""
    user = request.user
    found = selectors.portfolio_of(user)
    if request.method == "POST":
        chosen = {}
        for key in request.POST.getlist("include"):
            item = found.find(key)
            if item is None:
                continue
            standard = request.POST.get(f"standard-{key}", "")
            chosen[(item.kind, item.object_id)] = standard if standard in Standard.values else ""
        services.portfolio_choose(user=user, chosen=chosen)
        messages.success(request, _("Your portfolio is saved."))
        return redirect("reflection:portfolio")
    year = this_year(user)
    return render(
        request,
        "reflection/portfolio.html",
        {
            "portfolio": found,
            "standards": Standard.choices,
            "year": year,
            "hours": selectors.portfolio_hours(user, year=year),
            "export_form": PortfolioExportForm(years=_years(user), initial={"year": year}),
        },
    )


@login_required
@require_POST
def portfolio_pdf(request: HttpRequest) -> HttpResponse:
    """The chosen items, the year's hours and the kudos chosen, as a PDF for an
    appraisal or a renewal of registration (a long one is made in the background)."""
    user = request.user
    form = PortfolioExportForm(request.POST, years=_years(user))
    year = form.cleaned_data["year"] if form.is_valid() else this_year(user)
    return pdf_response(
        request,
        template="reflection/portfolio_pdf.html",
        context={
            "person": user,
            "year": year,
            "hours": selectors.portfolio_hours(user, year=year),
            "portfolio": selectors.portfolio_of(user, with_text=True),
            "made_on": timezone.localdate(),
        },
        filename=f"kahui-portfolio-{year}.pdf",
        title=_("Portfolio %(year)s") % {"year": year},
        back_url=reverse("reflection:portfolio"),
    )

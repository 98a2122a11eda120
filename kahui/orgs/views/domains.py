"""An organisation's email domains, for its administrators: new sign-ins with a
verified address at a tied domain join the organisation, and a domain can require
sign-in with a school account (docs/SSO.md)."""

from uuid import UUID

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.sso import sso_available
from kahui.orgs import services
from kahui.orgs.access import org_for
from kahui.orgs.forms import OrgDomainForm
from kahui.orgs.models import OrgDomain, OrgRole


@login_required
@require_http_methods(["GET", "POST"])
def domains(request: HttpRequest, slug: str) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    form = OrgDomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tie = services.org_domain_add(
                org=org, by=request.user, domain=form.cleaned_data["domain"]
            )
        except KahuiError as error:
            form.add_error("domain", error.message)
        else:
            messages.success(
                request,
                _("New sign-ins from %(domain)s will join %(org)s.")
                % {"domain": tie.domain, "org": org.name},
            )
            return redirect("orgs:domains", org.slug)
    own_domains = sorted(
        {
            address.rpartition("@")[2].lower()
            for address in EmailAddress.objects.filter(
                user=request.user, verified=True
            ).values_list("email", flat=True)
        }
    )
    return render(
        request,
        "orgs/domains.html",
        {
            "org": org,
            "form": form,
            "ties": org.domains.all(),
            "own_domains": own_domains,
            "sso_available": sso_available(),
        },
        status=400 if form.errors else 200,
    )


def _tie(org, domain_id: UUID) -> OrgDomain:
    return get_object_or_404(
        OrgDomain.objects.select_related("organisation"), organisation=org, public_id=domain_id
    )


@login_required
@require_POST
def domain_sso(request: HttpRequest, slug: str, domain_id: UUID) -> HttpResponse:
    """Require sign-in with a school account for the domain, or stop requiring it."""
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    tie = _tie(org, domain_id)
    require = request.POST.get("require_sso") == "on"
    try:
        services.org_domain_set_sso(tie=tie, by=request.user, require=require)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        if require:
            note = _("Addresses at %(domain)s now sign in with their school account only.")
        else:
            note = _("Addresses at %(domain)s can sign in with a password again.")
        messages.success(request, note % {"domain": tie.domain})
    return redirect("orgs:domains", org.slug)


@login_required
@require_http_methods(["GET", "POST"])
def domain_remove(request: HttpRequest, slug: str, domain_id: UUID) -> HttpResponse:
    """Ask first, then untie the domain: the POST of the confirmation page does it."""
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    tie = _tie(org, domain_id)
    if not is_confirmed(request):
        domains_url = reverse("orgs:domains", args=[org.slug])
        return ask_to_confirm(
            request,
            title=_("Untie %(domain)s from %(org)s?") % {"domain": tie.domain, "org": org.name},
            question=_(
                "New sign-ins from %(domain)s will no longer join %(org)s, and they can sign "
                "in with a password. Members who joined stay members."
            )
            % {"domain": tie.domain, "org": org.name},
            confirm_label=_("Untie the domain"),
            cancel_url=domains_url,
            breadcrumbs=[
                (_("Organisations"), reverse("orgs:list")),
                (org.name, reverse("orgs:detail", args=[org.slug])),
                (_("Email domains"), domains_url),
            ],
            place=org.name,
        )
    services.org_domain_remove(tie=tie, by=request.user)
    messages.success(request, _("%(domain)s was untied.") % {"domain": tie.domain})
    return redirect("orgs:domains", org.slug)

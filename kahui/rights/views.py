from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.activity import describe_all
from kahui.core.errors import KahuiError
from kahui.orgs.access import org_for
from kahui.orgs.models import OrgRole
from kahui.rights import deleting, exporting
from kahui.rights import retention as retention_rules
from kahui.rights.access import export_for
from kahui.rights.audit import audit_entries
from kahui.rights.forms import AuditFilterForm, DeleteAccountForm, RetentionForm
from kahui.rights.models import DataExport, ExportStatus, RetentionPolicy


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything Kāhui holds about me: ask for an export, download a ready one."""
    if request.method == "POST":
        try:
            exporting.export_request(user=request.user)
        except KahuiError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Your export is being made. We will tell you when it is ready."),
            )
        return redirect("rights:my_data")
    exports = DataExport.objects.filter(owner=request.user)
    return render(
        request,
        "rights/my_data.html",
        {
            "exports": exports,
            "working": any(
                e.status in (ExportStatus.QUEUED, ExportStatus.BUILDING) for e in exports
            ),
            "keep_days": exporting.KEEP_DAYS,
        },
    )


@login_required
@require_GET
def export_download(request: HttpRequest, export_id) -> HttpResponse:
    export = export_for(request, export_id)
    if export.status != ExportStatus.READY or not export.file:
        return redirect("rights:my_data")
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"kahui-my-data-{export.created_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete my account, once nothing stands in the way and I confirmed it."""
    blockers = deleting.blockers(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        user_id = request.user.pk
        keep = form.cleaned_data["shared"] == DeleteAccountForm.KEEP
        get_user_model().objects.filter(pk=user_id).update(is_active=False)
        transaction.on_commit(
            lambda: deleting.delete_account.enqueue(user_id=user_id, keep_shared=keep)
        )
        logout(request)
        messages.success(request, _("Your account is being deleted. You have been signed out."))
        return redirect("core:home")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "rights/delete_account.html",
        {"form": form, "blockers": blockers, "phrase": deleting.CONFIRM_PHRASE},
        status=status,
    )


@login_required
@require_GET
def audit(request: HttpRequest, slug: str) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    form = AuditFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    page = Paginator(audit_entries(org, kind), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "rights/audit.html",
        {
            "org": org,
            "form": form,
            "kind": kind,
            "page": page,
            "entries": describe_all(page.object_list, show_content=False),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest, slug: str) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    policy = RetentionPolicy.objects.filter(organisation=org).first() or RetentionPolicy(
        organisation=org
    )
    form = RetentionForm(request.POST or None, instance=policy)
    if request.method == "POST":
        if form.is_valid():
            retention_rules.retention_set(
                organisation=org, by=request.user, months=form.cleaned_data["months"]
            )
            messages.success(request, _("Saved."))
            return redirect("rights:retention", org.slug)
        status = 400
    else:
        status = 200
    return render(
        request,
        "rights/retention.html",
        {"org": org, "form": form, "notice_days": retention_rules.NOTICE_DAYS},
        status=status,
    )

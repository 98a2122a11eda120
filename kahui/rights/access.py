"""Who may open what of data rights: an export is its owner's alone (anyone else gets
a 404, as if it did not exist); the audit log and retention are an organisation's
administrators' (kahui.orgs.access)."""

from django.http import Http404, HttpRequest

from kahui.rights.models import DataExport


def export_for(request: HttpRequest, export_id) -> DataExport:
    export = DataExport.objects.filter(public_id=export_id, owner_id=request.user.pk).first()
    if export is None or not request.user.is_authenticated:
        raise Http404("No such export")
    return export

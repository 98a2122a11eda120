"""A group's kudos and celebrations: the page with the form to give kudos, giving them
and withdrawing one's own."""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.recognition import access as rules
from kahui.recognition import selectors, services
from kahui.recognition.forms import KudosForm

KUDOS_PER_PAGE = 20


def _kudos_form(request: HttpRequest, group: LearningGroup, data=None) -> KudosForm:
    source = data if data is not None else request.GET
    return KudosForm(
        data,
        group=group,
        giver=request.user,
        receiver_id=source.get("receiver", "") or source.get("to", ""),
        initial={
            "receiver": source.get("to", "") or source.get("receiver", ""),
            "text": source.get("text", ""),
            "meeting": source.get("meeting", ""),
            "resource": source.get("resource", ""),
            "post": source.get("post", ""),
        },
    )


def _group_page(request, group, access, *, form: KudosForm, status: int = 200) -> HttpResponse:
    page = Paginator(selectors.kudos_of_group(group), KUDOS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "recognition/group.html",
        {
            "group": group,
            "access": access,
            "form": form,
            "page": page,
            "celebrations": list(selectors.celebrations_of(group)[:10]),
            "to_confirm": (
                list(selectors.certificates_to_confirm(request.user).filter(group=group))
                if access.is_facilitator
                else []
            ),
        },
        status=status,
    )


@group_view(Need.MEMBER)
@require_GET
def group_kudos(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """The group's kudos and celebrations, with the form to give kudos."""
    return _group_page(request, group, access, form=_kudos_form(request, group))


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def kudos_give(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """Give kudos. GET draws the form (prefilled from ``?to=``, ``?meeting=``,
    ``?resource=``, ``?post=``; htmx asks for the ``form`` fragment again when the
    member chosen changes, keeping what was typed); POST gives them."""
    if request.method == "GET":
        form = _kudos_form(request, group)
        if request.htmx:
            return render(request, "recognition/give.html#form", {"group": group, "form": form})
        return render(request, "recognition/give.html", {"group": group, "form": form})
    form = _kudos_form(request, group, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            kudos = services.kudos_give(
                group=group,
                by=request.user,
                receiver=data["receiver_user"],
                text=data["text"],
                meeting=data["meeting_obj"],
                resource=data["resource_obj"],
                post=data["post_obj"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Kudos sent to %(name)s.") % {"name": kudos.receiver.display_name},
            )
            return redirect(reverse("recognition:group", args=[group.public_id]) + "#kudos")
    return render(request, "recognition/give.html", {"group": group, "form": form}, status=400)


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def kudos_withdraw(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, kudos_id: UUID
) -> HttpResponse:
    kudos = rules.kudos_in(group, kudos_id)
    rules.check_withdraw_kudos(kudos, request.user)
    back = reverse("recognition:group", args=[group.public_id])
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Withdraw your kudos?"),
            question=_("Your kudos to %(name)s (“%(text)s”) will no longer show anywhere.")
            % {"name": kudos.receiver.display_name, "text": kudos.text},
            confirm_label=_("Withdraw kudos"),
            cancel_url=back,
            breadcrumbs=[(group.name, reverse("groups:home", args=[group.public_id]))],
            place=group.name,
        )
    services.kudos_withdraw(kudos=kudos, by=request.user)
    messages.success(request, _("Your kudos are withdrawn."))
    return redirect(back)

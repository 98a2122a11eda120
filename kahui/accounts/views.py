from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.accounts.forms import ProfileForm
from kahui.accounts.models import User
from kahui.accounts.selectors import profile_of
from kahui.accounts.services import profile_ensure, profile_update
from kahui.groups.models import GroupMembership, LearningGroup
from kahui.orgs.models import OrgMembership


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    # Someone without a profile yet (an operator's account) gets one when they save.
    if request.method == "POST":
        profile = profile_ensure(user=request.user)
    else:
        profile = profile_of(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "interests"}
        profile_update(
            profile=profile,
            interests=form.cleaned_data["interests"],
            new_interests=form.cleaned_data["new_interests"],
            **fields,
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_GET
def person(request: HttpRequest, user_id: UUID) -> HttpResponse:
    """A colleague's profile, for people who share a group or an organisation."""
    person = (
        User.objects.select_related("profile__organisation")
        .prefetch_related("profile__interests")
        .filter(public_id=user_id, is_active=True)
        .first()
    )
    if person is None:
        raise Http404("No such person")
    me = request.user
    my_orgs = OrgMembership.objects.filter(user=me).values("organisation")
    shares = person.pk == me.pk or (
        GroupMembership.objects.filter(
            user=person, group__in=LearningGroup.objects.filter(memberships__user=me)
        ).exists()
        # Same organisation, or the viewer's cluster contains the person's school.
        or OrgMembership.objects.filter(user=person)
        .filter(Q(organisation__in=my_orgs) | Q(organisation__parent__in=my_orgs))
        .exists()
    )
    if not shares:
        raise Http404("No such person")
    groups = (
        LearningGroup.objects.filter(memberships__user=person)
        .filter(memberships__user=me)
        .distinct()
    )
    return render(request, "accounts/person.html", {"person": person, "shared_groups": groups})

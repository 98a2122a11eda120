from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.accounts.forms import ProfileForm
from kahui.accounts.selectors import profile_of
from kahui.accounts.services import profile_ensure, profile_update


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

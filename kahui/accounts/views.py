from allauth.socialaccount import views as social_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kahui.accounts.forms import LanguageForm, PictureForm, ProfileForm, picture_error
from kahui.accounts.pictures import PictureError
from kahui.accounts.selectors import profile_of
from kahui.accounts.services import (
    profile_ensure,
    profile_picture_remove,
    profile_picture_set,
    profile_set_language,
    profile_update,
)
from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.sso import sso_available


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
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "profile": profile, "picture_form": PictureForm()},
    )


@login_required
@require_POST
def profile_picture(request: HttpRequest) -> HttpResponse:
    """A new profile picture, from the profile page."""
    profile = profile_ensure(user=request.user)
    picture_form = PictureForm(request.POST, request.FILES)
    if picture_form.is_valid():
        try:
            profile_picture_set(profile=profile, data=picture_form.cleaned_data["picture"])
        except PictureError as error:
            picture_form.add_error("picture", picture_error(error))
        else:
            messages.success(request, _("Your picture is saved."))
            return redirect("accounts:profile")
    context = {
        "form": ProfileForm(instance=profile),
        "profile": profile,
        "picture_form": picture_form,
    }
    return render(request, "accounts/profile.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def profile_picture_delete(request: HttpRequest) -> HttpResponse:
    """Back to initials, once asked."""
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove your picture?"),
            question=_("Your initials show instead. You can upload a picture again at any time."),
            confirm_label=_("Remove the picture"),
            cancel_url=reverse("accounts:profile"),
            breadcrumbs=[(_("Your profile"), reverse("accounts:profile"))],
        )
    profile = profile_ensure(user=request.user)
    if profile.avatar:
        profile_picture_remove(profile=profile)
        messages.success(request, _("Your picture is removed; your initials show instead."))
    return redirect("accounts:profile")


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The language switcher at the foot of every page, for everyone: signed in, it
    saves the choice on the profile (so it follows the educator to every device);
    either way the language cookie keeps it in this browser. Back to the page it was
    used on, when that is a page of this site."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("core:home")
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Kāhui is not available in that language. Choose one of the languages listed."),
        )
        return redirect(back)
    chosen = form.cleaned_data["language"]
    if request.user.is_authenticated:
        profile_set_language(profile=profile_ensure(user=request.user), language=chosen)
    response = redirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        chosen,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    translation.activate(chosen)
    return response


def school_accounts(request: HttpRequest) -> HttpResponse:
    """Allauth's page of one's connected school accounts, there only while a sign-in
    provider is configured (docs/SSO.md)."""
    if not sso_available():
        raise Http404("No sign-in provider is configured.")
    return social_views.connections(request)

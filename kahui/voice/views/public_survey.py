"""The survey's own page, opened by its link alone by learners and families without an
account: in the language chosen on its switch, rate-limited, kept out of caches and
search engines."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_http_methods

from kahui.core.errors import KahuiError
from kahui.voice import access as voice_access
from kahui.voice import limits, services
from kahui.voice.forms import AnswerForm
from kahui.voice.models import SURVEY_LANGUAGES


def _interface_language(language: str) -> str:
    """The language of the page's own words: the survey's language when Kāhui has a
    catalogue for it, else the language they are written in."""
    offered = {code for code, _name in settings.LANGUAGES}
    return language if language in offered else settings.LANGUAGE_CODE


def _scale_labels() -> dict[int, str]:
    return {
        1: _("1 — not at all"),
        2: "2",
        3: "3",
        4: "4",
        5: _("5 — very much"),
    }


def _public(request: HttpRequest, template: str, context: dict, *, status: int = 200):
    response = render(request, template, {"hide_site_suffix": True, **context}, status=status)
    # Nothing of a filled-in survey stays in a shared device's cache, and no search
    # engine lists the link.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _browser_language(request: HttpRequest) -> str:
    """The first language of the browser's Accept-Language that surveys are written
    in, so a page opens in it when the survey offers it; "" for none."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in SURVEY_LANGUAGES:
            return base
    return ""


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey, in the language chosen on its switch (``?lang=``), and nothing else:
    no group (unless it chose to show its name), no member, no other page."""
    wanted = request.POST.get("lang") or request.GET.get("lang") or _browser_language(request)
    allowed = request.method != "POST" or limits.allow_send(request, token=token[:64])
    survey = voice_access.survey_for_token(token)
    language = (
        survey.language_for(wanted)
        if survey
        else (wanted if wanted in SURVEY_LANGUAGES else settings.LANGUAGE_CODE)
    )
    with translation.override(_interface_language(language)):
        if survey is None:
            return _public(request, "voice/closed.html", {"language": language}, status=404)
        context = {
            "survey": survey,
            "language": language,
            "title": survey.title_in(language),
            "switch": [
                {"code": code, "name": SURVEY_LANGUAGES[code], "current": code == language}
                for code in survey.languages
            ],
            "group_name": survey.group.name if survey.show_group_name else "",
        }
        if request.method == "GET" and request.GET.get("sent"):
            return _public(request, "voice/answer.html", {**context, "sent": True})
        form = AnswerForm(
            request.POST if request.method == "POST" else None,
            survey=survey,
            language=language,
            scale_labels=_scale_labels(),
        )
        status = 200
        if request.method == "POST" and not allowed:
            # Too many answers through this link or from this address just now: the
            # page says so and keeps what was typed, to send again a little later.
            response = _public(
                request, "voice/answer.html", {**context, "form": form, "limited": True}, status=429
            )
            response["Retry-After"] = str(limits.RETRY_AFTER)
            return response
        if request.method == "POST":
            status = 400
            if form.is_valid():
                personal = form.personal_fields()
                if personal and not request.POST.get("send_anyway"):
                    context["personal"] = [form[name] for name in personal]
                    status = 200
                else:
                    try:
                        services.response_submit(
                            survey=survey, language=language, answers=form.answers()
                        )
                    except KahuiError as error:
                        form.add_error(None, error.message)
                    else:
                        return redirect(
                            reverse("voice:answer", args=[token]) + f"?lang={language}&sent=1"
                        )
        return _public(request, "voice/answer.html", {**context, "form": form}, status=status)

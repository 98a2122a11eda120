"""Ask before acting: a page with the question, Cancel and one button that posts
``confirm=yes``. Works without JavaScript; the list's button, a bare POST or a
link all lead to the question, and only its answer acts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def is_confirmed(request: HttpRequest) -> bool:
    """Whether this is the answer of the confirmation page."""
    return request.method == "POST" and request.POST.get("confirm") == "yes"


def ask_to_confirm(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    confirm_label: str,
    cancel_url: str,
    breadcrumbs: list[tuple[str, str]] = (),
    place: str = "",
) -> HttpResponse:
    """The confirmation page. ``breadcrumbs`` are (label, url) pairs above the title;
    ``place`` (a group or organisation name) follows the title in the window's title.
    A POST without the answer (the list's button) is sent to the question first."""
    if request.method == "POST":
        return redirect(request.get_full_path())
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "question": question,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "breadcrumbs": breadcrumbs,
            "place": place,
        },
    )

from datetime import date

from django import template
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from kahui.core import avatars, submissions
from kahui.core.fragments import cached_frame
from kahui.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Render Markdown written by members as sanitised HTML."""
    return render_markdown(text)


@register.filter(name="short_date")
def short_date(day: date | None) -> str:
    """A day as "3 Mar", with its year when that is not this year ("3 Mar 2027")."""
    if day is None or day == "":
        return ""
    return format_date(day, "j M" if day.year == timezone.localdate().year else "j M Y")


@register.simple_tag
def submission_key() -> SafeString:
    """A new one-time key for a form that creates something, so that sending it twice
    makes one record: put it beside ``{% csrf_token %}`` and wrap the view in
    :func:`kahui.core.submissions.submitted_once`."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', submissions.FIELD, submissions.new_key()
    )


@register.simple_tag
def avatar(person, size: int = 32) -> SafeString:
    """``person``'s picture, or their initials on their own colour, ``size`` pixels
    wide (24, 32, 56 or 96). It is decoration beside their name, so screen readers skip
    it. The picture's address names the file, so a new picture is fetched at once."""
    pixels, size_class = avatars.size_class(int(size))
    size_class = f" {size_class}" if size_class else ""
    profile = getattr(person, "profile", None) if person is not None else None
    picture = getattr(profile, "avatar", None)
    if picture:
        url = reverse("people:avatar", args=[person.public_id])
        stem = picture.name.rsplit("/", 1)[-1].split(".")[0]
        return format_html(
            '<img class="avatar{}" src="{}?v={}" alt="" width="{}" height="{}" loading="lazy">',
            size_class,
            url,
            stem,
            pixels,
            pixels,
        )
    if person is None:
        return format_html(
            '<span class="avatar avatar-none{}" aria-hidden="true">?</span>', size_class
        )
    return format_html(
        '<span class="avatar avatar-c{}{}" aria-hidden="true">{}</span>',
        avatars.colour(str(person.public_id)),
        size_class,
        avatars.initials(person.display_name),
    )


@register.simple_tag
def mark_summarised(form) -> str:
    """Note that ``form``'s error summary is on the page, so that rendering the form
    (forms/form.html) does not add a second one."""
    if form is not None and not isinstance(form, str):
        form.error_summary_shown = True
    return ""


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    """The page's header (navigation and account menu): kept per person, see
    :func:`kahui.core.fragments.cached_frame`."""
    return cached_frame(context, "partials/site_header.html")

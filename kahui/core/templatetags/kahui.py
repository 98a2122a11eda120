from datetime import date

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from kahui.core import submissions
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

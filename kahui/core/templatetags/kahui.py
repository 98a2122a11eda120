from datetime import date

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.safestring import SafeString

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

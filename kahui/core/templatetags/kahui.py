from django import template
from django.utils.safestring import SafeString

from kahui.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Render Markdown written by members as sanitised HTML."""
    return render_markdown(text)

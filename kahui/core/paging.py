"""Lists shown a page at a time."""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def page_of(request: HttpRequest, items, per_page: int, *, param: str = "page") -> tuple[Page, str]:
    """The page of ``items`` that ``param`` asks for (a bad number gives the nearest
    page), and the rest of the query string for the page links to keep."""
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return page, query.urlencode()

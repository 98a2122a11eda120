"""Cursor pagination for every list: an opaque cursor, a stable order by id, and a
page size the caller may lower or raise up to a maximum."""

from ninja.pagination import CursorPagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Cursor(CursorPagination):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("ordering", ("id",))
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)

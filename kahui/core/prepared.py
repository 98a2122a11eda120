"""Queries that run on every request, turned into SQL once per database connection.

Building a query costs far more than running it for the small lookups every request
makes (the signed-in user, the group with the viewer's membership): Django compiles
the queryset to SQL anew each time. A :class:`PreparedQuery` compiles it once, with
stand-in values for its arguments, and later runs the same SQL with the real values,
building the model instances (and those joined with ``select_related``) the way a
queryset would, with the same converters.

Only for querysets whose SQL does not depend on the argument values (comparisons of a
field with a value): compiling checks that every argument lands in exactly one
parameter."""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model, QuerySet
from django.db.models.query import get_related_populators


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    positions: tuple[int, ...]  # where each argument goes in ``params``
    compiler: Any
    converters: dict[int, Any]
    init_list: list[str]
    start: int
    end: int
    populators: list[Any]
    fetch_mode: Any


class PreparedQuery[M: Model]:
    """``build(*arguments)`` (a queryset filtered by equality on ``fields()``, one
    field an argument), compiled once per connection.

    ``fields`` is called on first use, so a module may define the query before the
    models are loaded."""

    def __init__(
        self,
        build: Callable[..., QuerySet[M]],
        fields: Callable[[], Sequence[Field]],
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        self.build = build
        self.fields = fields
        self.using = using

    def first(self, *arguments: Any) -> M | None:
        """The first row's instance (the queryset should match at most one), or None."""
        connection = connections[self.using]
        # Kept on the connection (each thread has its own), so it goes with it.
        kept = connection.__dict__.setdefault("kahui_prepared", {})
        compiled = kept.get(self)
        if compiled is None:
            compiled = kept[self] = self._compile(connection)
        params = list(compiled.params)
        for field, position, value in zip(
            self.fields(), compiled.positions, arguments, strict=True
        ):
            params[position] = field.get_db_prep_value(value, connection, prepared=False)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if compiled.converters:
            row = next(iter(compiled.compiler.apply_converters([row], compiled.converters)))
        model = compiled.compiler.klass_info["model"]
        obj = model.from_db(
            self.using,
            compiled.init_list,
            row[compiled.start : compiled.end],
            fetch_mode=compiled.fetch_mode,
        )
        for populator in compiled.populators:
            populator.populate(row, obj)
        return obj

    def _compile(self, connection: BaseDatabaseWrapper) -> _Compiled:
        fields = list(self.fields())
        stand_ins = [_stand_in(field, n) for n, field in enumerate(fields)]
        queryset = self.build(*stand_ins)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        positions = []
        for field, stand_in in zip(fields, stand_ins, strict=True):
            prepared = field.get_db_prep_value(stand_in, connection, prepared=False)
            found = [n for n, param in enumerate(params) if param == prepared]
            if len(found) != 1:
                raise ValueError(f"{field} must be compared once, by equality, in {sql}")
            positions.append(found[0])
        klass_info, select = compiler.klass_info, compiler.select
        columns = [column[0] for column in select[: compiler.col_count]]
        if compiler.has_composite_fields(columns):
            raise ValueError(f"Composite fields are not supported here: {sql}")
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return _Compiled(
            sql=sql,
            params=tuple(params),
            positions=tuple(positions),
            compiler=compiler,
            converters=compiler.get_converters(columns),
            init_list=[column[0].target.attname for column in select[start:end]],
            start=start,
            end=end,
            populators=get_related_populators(klass_info, select, self.using, queryset._fetch_mode),
            fetch_mode=queryset._fetch_mode,
        )


def _stand_in(field: Field, n: int) -> Any:
    """A value of the field's type that no real query uses."""
    kind = getattr(field, "target_field", field).get_internal_type()
    if kind == "UUIDField":
        return uuid.UUID(int=0x5E7A9D0000000000 + n)
    if kind == "DateTimeField":
        return datetime(1901, 2, 3, 4, 5, 6, n, tzinfo=UTC)
    if kind in {"CharField", "TextField", "SlugField", "EmailField"}:
        return f"kahui-stand-in-{n}"
    return 1_987_650_000 + n

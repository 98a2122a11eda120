"""Full-text search with the database's own engine, behind one small interface.

SQLite: an FTS5 virtual table (``search_fts``) ranked with BM25; its ``scope`` column
holds who may see each document (``g<group>``, ``o<organisation>``, ``public``, or
``k<kind>`` for a kind whose readers a rule decides), so the index itself narrows a
search to what the person may see. PostgreSQL: the ``SearchDocument`` table's
``tsvector`` column (title weighted A, body B) with a GIN index and ``ts_rank``.

Every searchable thing is one document with the group it belongs to and the moment it
happened (``dated``). Its body is plain text: Markdown is rendered and its tags
stripped before indexing, so snippets never show Markdown. Results are what the caller
says the person may see (groups and organisations by id) plus, for kinds with a rule
in :data:`audiences` (people, groups), what that rule lets them find. Titles weigh
more than bodies, newer things a little more than old ones; documents of the same
kind with the same title and text are collapsed into one result that carries the
others (``Hit.more``). Snippets and marked titles are made here, in Python, from the
stored text, the same on both databases. Services call :func:`index` when they write
and :func:`unindex` when they delete; ``kahui reindex-search`` rebuilds everything
through :data:`sources`."""

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache
from typing import Any, ClassVar

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from kahui.core.markdown import render_markdown
from kahui.core.models import SearchDocument
from kahui.core.registry import Registry

MAX_RESULTS = 50
# How many ranked documents are read to fill a page of collapsed results.
CANDIDATES = 4
# Title words weigh this much more than body words (FTS5's bm25 column weights;
# ts_rank's weights for A and B on PostgreSQL).
TITLE_WEIGHT = 10.0
# A thing a year old ranks at half the score of the same thing today, two years old
# at a third: recent work first, without burying a good old match.
RECENCY_DAYS = 365.0
SNIPPET_CHARS = 240

audiences: Registry[Callable[[Any], QuerySet]] = Registry(
    "who may find the documents of a kind: a function of the viewer giving a queryset "
    "of the object ids they may find (people: kahui/people/access.py; groups: "
    "kahui/groups/access.py)"
)
sources: Registry[Callable[[], int]] = Registry(
    "what indexes every document of a kind again (``kahui reindex-search``); each "
    "returns how many it indexed"
)


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    group_id: int | None
    title: str  # plain text
    title_html: SafeString  # escaped, with <mark> around the matches
    snippet: SafeString  # escaped, with <mark> around the matches
    url: str
    dated: datetime | None
    # Documents of the same kind with the same title and text, best first.
    more: list["Hit"] = field(default_factory=list)


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    # Matching documents per kind, whatever the kinds asked for (the other filters apply).
    counts: dict[str, int]


# -- indexing -------------------------------------------------------------------------

_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|td|th|tr|pre|blockquote)>|<br\s*/?>|<hr\s*/?>)")
_SPACE = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    """What a reader sees of ``markdown``: rendered, tags stripped, entities decoded,
    white space made single."""
    rendered = _BLOCK_END.sub(r"\1 ", str(render_markdown(markdown)))
    return _SPACE.sub(" ", html.unescape(strip_tags(rendered))).strip()


def _fts_ready() -> bool:
    return connection.vendor == "sqlite"


def _scope(document: SearchDocument) -> str:
    if document.kind in audiences.names():
        return f"k{document.kind}"
    tokens = []
    if document.group_id:
        tokens.append(f"g{document.group_id}")
    if document.organisation_id:
        tokens.append(f"o{document.organisation_id}")
    if document.public:
        tokens.append("public")
    return " ".join(tokens)


@dataclass(frozen=True)
class Document:
    """One thing to index (see :func:`index`)."""

    kind: str
    object_id: int
    title: str
    body: str
    url: str
    group_id: int | None = None
    organisation_id: int | None = None
    public: bool = False
    dated: datetime | None = None
    markdown: bool = True

    def row(self) -> SearchDocument:
        return SearchDocument(
            kind=self.kind,
            object_id=self.object_id,
            title=_SPACE.sub(" ", self.title).strip()[:300],
            body=plain_text(self.body) if self.markdown else _SPACE.sub(" ", self.body).strip(),
            url=self.url,
            group_id=self.group_id,
            organisation_id=self.organisation_id,
            public=self.public,
            dated=self.dated,
        )


def index(
    *,
    kind: str,
    object_id: int,
    title: str,
    body: str,
    url: str,
    group_id: int | None = None,
    organisation_id: int | None = None,
    public: bool = False,
    dated: datetime | None = None,
    markdown: bool = True,
) -> None:
    """Add or replace one document. ``body`` is Markdown (plain text with
    ``markdown=False``); ``dated`` is when the thing happened. A kind with a rule in
    :data:`audiences` is found by whom the rule allows, whatever its group."""
    index_many(
        [
            Document(
                kind=kind,
                object_id=object_id,
                title=title,
                body=body,
                url=url,
                group_id=group_id,
                organisation_id=organisation_id,
                public=public,
                dated=dated,
                markdown=markdown,
            )
        ]
    )


def index_many(documents: Iterable[Document]) -> int:
    """Add or replace many documents in a few queries (a series of meetings, a
    rebuild). Returns how many."""
    # The last word on each thing wins.
    rows = list({(d.kind, d.object_id): d.row() for d in documents}.values())
    if not rows:
        return 0
    stale = SearchDocument.objects.none()
    for kind in {row.kind for row in rows}:
        ids = [row.object_id for row in rows if row.kind == kind]
        stale |= SearchDocument.objects.filter(kind=kind, object_id__in=ids)
    stale_ids = list(stale.values_list("pk", flat=True))
    if stale_ids:
        if _fts_ready():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM search_fts WHERE rowid IN ({_placeholders(stale_ids)})",
                    stale_ids,
                )
        SearchDocument.objects.filter(pk__in=stale_ids).delete()
    rows = SearchDocument.objects.bulk_create(rows)
    if _fts_ready():
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts(rowid, title, body, scope) VALUES (%s, %s, %s, %s)",
                [(row.pk, row.title, row.body, _scope(row)) for row in rows],
            )
    else:
        SearchDocument.objects.filter(pk__in=[row.pk for row in rows]).update(vector=_pg_vector())
    return len(rows)


def unindex(*, kind: str, object_id: int) -> None:
    document = SearchDocument.objects.filter(kind=kind, object_id=object_id).first()
    if document is None:
        return
    if _fts_ready():
        _fts_delete(document)
    document.delete()


def unindex_group(group_id: int) -> None:
    """Forget every document of a group that is about to be deleted. Its rows would go
    with the group anyway; SQLite's full-text copies of them would not."""
    documents = SearchDocument.objects.filter(group_id=group_id)
    if _fts_ready():
        ids = list(documents.values_list("pk", flat=True))
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])
    documents.delete()


def _fts_delete(document: SearchDocument) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [document.pk])


def _pg_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config="simple") + SearchVector(
        "body", weight="B", config="simple"
    )


@transaction.atomic
def reindex_all() -> dict[str, int]:
    """Empty the index and index everything again through :data:`sources` (after a
    change to what is indexed or how). Returns how many documents each source made."""
    SearchDocument.objects.all().delete()
    if _fts_ready():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
    return {name: source() for name, source in sources.items()}


# -- matching and marking ------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def _fold(text: str) -> str:
    """Lower case without diacritics, as FTS5 compares words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _terms(query: str) -> list[str]:
    return [word for word in _WORD.findall(query.lower()) if len(word) > 1][:8]


def _fold_char(char: str) -> str:
    folded = _fold(char)
    if len(folded) == 1:
        return folded
    lower = char.lower()
    return lower if len(lower) == 1 else char


def _fold_in_place(text: str) -> str:
    """``text`` folded as :func:`_fold` does, one character for one, so that places in
    it are places in ``text``."""
    if text.isascii():
        return text.lower()
    return "".join(_FOLDED.get(c) or _FOLDED.setdefault(c, _fold_char(c)) for c in text)


_FOLDED: dict[str, str] = {}


@lru_cache(maxsize=256)
def _prefix_pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, prefixes)) + r")\w*")


def mark(text: str, terms: Sequence[str], *, chars: int | None = None) -> SafeString:
    """``text`` escaped, with <mark> around each word starting with one of ``terms``;
    with ``chars``, only about that many characters from a little before the first
    match, with … where text is left out."""
    prefixes = tuple(_fold(term) for term in terms)
    spans = (
        [m.span() for m in _prefix_pattern(prefixes).finditer(_fold_in_place(text))]
        if prefixes
        else []
    )
    start, end = 0, len(text)
    if chars is not None and len(text) > chars:
        first = spans[0][0] if spans else 0
        start = max(0, first - chars // 4)
        if start:  # begin at a word
            start = text.find(" ", start, first) + 1 or start
        end = min(len(text), start + chars)
        cut = text.rfind(" ", first, end)
        if end < len(text) and cut > first:  # end at a word
            end = cut
    out = ["… " if start else ""]
    position = start
    for left, right in spans:
        if left < start or right > end:
            continue
        out.append(escape(text[position:left]))
        out.append(f"<mark>{escape(text[left:right])}</mark>")
        position = right
    out.append(escape(text[position:end]))
    out.append(" …" if end < len(text) else "")
    return mark_safe("".join(out))  # every piece of text above is escaped


# -- searching -----------------------------------------------------------------------


def search(
    *,
    query: str,
    group_ids: Sequence[int],
    organisation_ids: Sequence[int],
    ruled: dict[str, Callable[[], QuerySet]] | None = None,
    kinds: Sequence[str] | None = None,
    in_group: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = MAX_RESULTS,
) -> Results:
    """Documents matching every word of ``query``, best first, among those of the
    groups ``group_ids``, those published to the organisations ``organisation_ids``,
    the public ones and, for each kind in ``ruled``, those whose object is in the
    queryset its function gives: the caller says what the person searching may see. ``kinds``,
    ``in_group`` and ``since``/``until`` (``dated`` in [since, until)) narrow it;
    ``counts`` ignores ``kinds``."""
    terms = _terms(query)
    if not terms:
        return Results(hits=[], counts={})
    engine = _Sqlite if connection.vendor == "sqlite" else _Postgres
    plan = engine(
        terms=terms,
        group_ids=list(group_ids),
        org_ids=list(organisation_ids),
        ruled={kind: rule() for kind, rule in (ruled or {}).items()},
        in_group=in_group,
        since=since,
        until=until,
    )
    # One pass over the matches gives the counts per kind and the best documents.
    sql, params = plan.matched(list(kinds or []), limit * CANDIDATES)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        matched = cursor.fetchall()
    counts = {kind: n for kind, n, _id, _score in matched if kind is not None}
    best = {pk: score for kind, _n, pk, score in matched if kind is None}
    order = sorted(best, key=lambda pk: (best[pk] * plan.direction, -pk))
    columns = ("kind", "object_id", "group_id", "title", "url", "body", "dated")
    found = {
        row[0]: row[1:]
        for row in SearchDocument.objects.filter(pk__in=order).values_list("pk", *columns)
    }
    rows = [found[pk] for pk in order if pk in found]
    return Results(hits=_collapse(rows, terms, limit), counts=counts)


def _collapse(rows, terms: list[str], limit: int) -> list[Hit]:
    """One hit per kind, title and text, in the order of the best of each."""
    firsts: dict[tuple[str, str, str], Hit] = {}
    for kind, object_id, group_id, title, url, body, dated in rows:
        key = (kind, title, body)
        if key not in firsts and len(firsts) == limit:
            continue
        first = firsts.get(key)
        hit = Hit(
            kind=kind,
            object_id=object_id,
            group_id=group_id,
            title=title,
            # The others of a collapsed result show their title and place alone.
            title_html=mark(title, terms if first is None else ()),
            snippet=mark(body, terms, chars=SNIPPET_CHARS) if first is None else mark("", ()),
            url=url,
            dated=_aware(dated),
        )
        if first is None:
            firsts[key] = hit
        else:
            first.more.append(hit)
    return list(firsts.values())


def _aware(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands back text from a raw query
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, timezone.UTC)


def _placeholders(values: Sequence[Any]) -> str:
    return ",".join(["%s"] * len(values))


def _db_time(value: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


@dataclass
class _Plan:
    terms: list[str]
    group_ids: list[int]
    org_ids: list[int]
    ruled: dict[str, QuerySet]
    in_group: int | None
    since: datetime | None
    until: datetime | None
    # Which way scores go: 1 when the best is lowest, -1 when it is highest.
    direction: ClassVar[int] = 1

    def _narrowing(self) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if self.in_group is not None:
            clauses.append("d.group_id = %s")
            params.append(self.in_group)
        if self.since is not None:
            clauses.append("d.dated >= %s")
            params.append(_db_time(self.since))
        if self.until is not None:
            clauses.append("d.dated < %s")
            params.append(_db_time(self.until))
        return "".join(f" AND {clause}" for clause in clauses), params

    @cached_property
    def _ruled_sql(self) -> list[tuple[str, str, list[Any]]]:
        out = []
        for kind, queryset in self.ruled.items():
            sql, params = queryset.query.sql_with_params()
            out.append((kind, sql, list(params)))
        return out


class _Sqlite(_Plan):
    def _match(self) -> str:
        words = " ".join('"' + term.replace('"', "") + '"*' for term in self.terms)
        scopes = [f"g{pk}" for pk in self.group_ids] + [f"o{pk}" for pk in self.org_ids]
        scopes += ["public"] + [f"k{kind}" for kind in self.ruled]
        return f"{{title body}}: ({words}) AND scope: ({' OR '.join(scopes)})"

    def _where(self) -> tuple[str, list[Any]]:
        where, params = "search_fts MATCH %s", [self._match()]
        ruled = self._ruled_sql
        if ruled:
            cases = "".join(f" WHEN %s THEN d.object_id IN ({sql})" for _k, sql, _p in ruled)
            where += f" AND CASE d.kind{cases} ELSE 1 END"
            for kind, _sql, ruled_params in ruled:
                params += [kind, *ruled_params]
        narrowing, more = self._narrowing()
        return where + narrowing, params + more

    direction = 1  # bm25 is negative, best lowest

    def matched(self, kinds: list[str], limit: int) -> tuple[str, list[Any]]:
        where, params = self._where()
        now = _db_time(timezone.now())
        only = f"WHERE kind IN ({_placeholders(kinds)})" if kinds else ""
        # Dividing by the distance in time moves older documents' scores, and those of
        # meetings far ahead, towards zero.
        # CROSS JOIN keeps the full-text match as the outer loop.
        sql = (
            "WITH matched AS MATERIALIZED ("
            "  SELECT d.id AS id, d.kind AS kind, bm25(search_fts, %s, 1.0, 0.0) / (1.0 + "
            "    abs(julianday(%s) - julianday(coalesce(d.dated, %s))) / %s) AS score"
            "  FROM search_fts CROSS JOIN core_searchdocument d ON d.id = search_fts.rowid"
            f"  WHERE {where}"
            ") "
            "SELECT kind, count(*), NULL, NULL FROM matched GROUP BY kind "
            "UNION ALL SELECT * FROM ("
            f"  SELECT NULL, NULL, id, score FROM matched {only} ORDER BY score, id DESC LIMIT %s"
            ")"
        )
        return sql, [TITLE_WEIGHT, now, now, RECENCY_DAYS, *params, *kinds, limit]


class _Postgres(_Plan):
    def _tsquery(self) -> str:
        return " & ".join(f"{re.sub(r'[^\w]', '', term)}:*" for term in self.terms)

    def _visible(self) -> tuple[str, list[Any]]:
        # Each part takes its documents by index; matching and ranking come after.
        narrowing, narrowing_params = self._narrowing()
        columns = "SELECT d.id, d.kind, d.vector, d.dated FROM core_searchdocument d"
        clauses, params = ["d.public"], []
        if self.group_ids:
            clauses.append(f"d.group_id IN ({_placeholders(self.group_ids)})")
            params += self.group_ids
        if self.org_ids:
            clauses.append(f"d.organisation_id IN ({_placeholders(self.org_ids)})")
            params += self.org_ids
        parts = [f"{columns} WHERE ({' OR '.join(clauses)}){narrowing}"]
        params += narrowing_params
        if self.ruled:
            parts[0] += f" AND d.kind NOT IN ({_placeholders(list(self.ruled))})"
            params += list(self.ruled)
        for kind, sql, ruled_params in self._ruled_sql:
            parts.append(f"{columns} WHERE d.kind = %s AND d.object_id IN ({sql}){narrowing}")
            params += [kind, *ruled_params, *narrowing_params]
        return " UNION ALL ".join(parts), params

    direction = -1  # ts_rank is positive, best highest

    def matched(self, kinds: list[str], limit: int) -> tuple[str, list[Any]]:
        visible, params = self._visible()
        now = timezone.now()
        params += [self._weights(), now, now, RECENCY_DAYS, self._tsquery()]
        only = ""
        if kinds:
            only = f"WHERE kind IN ({_placeholders(kinds)})"
            params += kinds
        # Dividing by the distance in time lowers the scores of older documents and of
        # meetings far ahead.
        sql = (
            f"WITH visible AS MATERIALIZED ({visible}), matched AS MATERIALIZED ("
            "  SELECT v.id, v.kind, (ts_rank(%s::float4[], v.vector, q) / (1.0 + abs("
            "    extract(epoch FROM (%s - coalesce(v.dated, %s))) / 86400.0) / %s))::float8 "
            "    AS score"
            "  FROM visible v, to_tsquery('simple', %s) q WHERE v.vector @@ q"
            ") "
            "SELECT kind, count(*), NULL::bigint, NULL::float8 FROM matched GROUP BY kind "
            "UNION ALL ("
            f"  SELECT NULL, NULL, id, score FROM matched {only} ORDER BY score DESC, id DESC "
            "  LIMIT %s)"
        )
        return sql, [*params, limit]

    @staticmethod
    def _weights() -> list[float]:
        # ts_rank's weights are for D, C, B (bodies) and A (titles).
        return [0.1, 0.1, 1.0 / TITLE_WEIGHT, 1.0]

"""Full-text search with the database's own engine, behind one small interface.

SQLite: an FTS5 virtual table (``search_fts``) with BM25 ranking and ``snippet()``; its
``scope`` column holds who may see each document (``g<group>``, ``o<organisation>``,
``public``), so the index itself narrows a search to what the person may see.
PostgreSQL: the ``SearchDocument`` table's ``tsvector`` column with a GIN index,
``ts_rank`` and ``ts_headline``.

Every searchable row (resource, thread, post, minutes, decision) is one document with
the group it belongs to; results are filtered to the groups the person belongs to, plus
documents published to their organisations or to everyone; the caller names those
groups and organisations by id. Services call :func:`index` when they write and
:func:`unindex` when they delete."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape

from kahui.core.models import SearchDocument

MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"
MAX_RESULTS = 50


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    group_id: int | None
    title: str
    snippet: str  # safe HTML with <mark> around the matches
    url: str


def _fts_ready() -> bool:
    return connection.vendor == "sqlite"


def _scope(document: SearchDocument) -> str:
    tokens = []
    if document.group_id:
        tokens.append(f"g{document.group_id}")
    if document.organisation_id:
        tokens.append(f"o{document.organisation_id}")
    if document.public:
        tokens.append("public")
    return " ".join(tokens)


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
) -> None:
    """Add or replace one document."""
    document = SearchDocument.objects.filter(kind=kind, object_id=object_id).first()
    if document is not None and _fts_ready():
        _fts_delete(document)
    values = {
        "title": title[:300],
        "body": body,
        "url": url,
        "group_id": group_id,
        "organisation_id": organisation_id,
        "public": public,
    }
    if document is None:
        document = SearchDocument.objects.create(kind=kind, object_id=object_id, **values)
    else:
        for name, value in values.items():
            setattr(document, name, value)
        document.save()
    if _fts_ready():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_fts(rowid, title, body, scope) VALUES (%s, %s, %s, %s)",
                [document.pk, document.title, document.body, _scope(document)],
            )
    else:
        SearchDocument.objects.filter(pk=document.pk).update(vector=_pg_vector())


def unindex(*, kind: str, object_id: int) -> None:
    document = SearchDocument.objects.filter(kind=kind, object_id=object_id).first()
    if document is None:
        return
    if _fts_ready():
        _fts_delete(document)
    document.delete()


def _fts_delete(document: SearchDocument) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [document.pk])


def _pg_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config="simple") + SearchVector(
        "body", weight="B", config="simple"
    )


_WORD = re.compile(r"\w+", re.UNICODE)


def _terms(query: str) -> list[str]:
    return [word for word in _WORD.findall(query.lower()) if len(word) > 1][:8]


def _highlight(text: str) -> str:
    return escape(text).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def search(
    *,
    query: str,
    group_ids: Sequence[int],
    organisation_ids: Sequence[int],
    limit: int = MAX_RESULTS,
) -> list[Hit]:
    """Documents matching every word of ``query``, best first, among those of the
    groups ``group_ids``, those published to the organisations ``organisation_ids``
    and the public ones: the caller says what the person searching may see."""
    terms = _terms(query)
    if not terms:
        return []
    group_ids, org_ids = list(group_ids), list(organisation_ids)
    if connection.vendor == "sqlite":
        return _search_sqlite(terms, group_ids, org_ids, limit)
    return _search_postgres(terms, group_ids, org_ids, limit)


def _visible_sql(group_ids: list[int], org_ids: list[int]) -> tuple[str, list]:
    clauses, params = ["d.public"], []
    if group_ids:
        clauses.append(f"d.group_id IN ({','.join(['%s'] * len(group_ids))})")
        params += group_ids
    if org_ids:
        clauses.append(f"d.organisation_id IN ({','.join(['%s'] * len(org_ids))})")
        params += org_ids
    return "(" + " OR ".join(clauses) + ")", params


def _search_sqlite(terms, group_ids, org_ids, limit) -> list[Hit]:
    words = " ".join('"' + term.replace('"', "") + '"*' for term in terms)
    scopes = " OR ".join([f"g{pk}" for pk in group_ids] + [f"o{pk}" for pk in org_ids] + ["public"])
    match = f"{{title body}}: ({words}) AND scope: ({scopes})"
    sql = (
        "SELECT d.kind, d.object_id, d.group_id, d.title, d.url, "
        f"snippet(search_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', ' … ', 24) "
        "FROM search_fts JOIN core_searchdocument d ON d.id = search_fts.rowid "
        "WHERE search_fts MATCH %s "
        "ORDER BY bm25(search_fts, 4.0, 1.0, 0.0) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        rows = cursor.fetchall()
    return [
        Hit(kind=k, object_id=o, group_id=g, title=t, url=u, snippet=_highlight(s or ""))
        for k, o, g, t, u, s in rows
    ]


def _search_postgres(terms, group_ids, org_ids, limit) -> list[Hit]:
    # Narrow to what the person may see first (few rows, by index), then match and
    # rank those, and only then build snippets for the page of results.
    tsquery = " & ".join(f"{re.sub(r'[^\w]', '', term)}:*" for term in terms)
    visible, params = _visible_sql(group_ids, org_ids)
    options = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxFragments=2, MaxWords=24, MinWords=8"
    sql = (
        "WITH visible AS MATERIALIZED ("
        f"  SELECT d.id, d.vector FROM core_searchdocument d WHERE {visible}"
        "), hits AS ("
        "  SELECT v.id, ts_rank(v.vector, q) AS rank FROM visible v, to_tsquery('simple', %s) q"
        "  WHERE v.vector @@ q ORDER BY rank DESC, v.id DESC LIMIT %s"
        ") "
        "SELECT d.kind, d.object_id, d.group_id, d.title, d.url, "
        "ts_headline('simple', d.body, to_tsquery('simple', %s), %s) "
        "FROM hits JOIN core_searchdocument d ON d.id = hits.id "
        "ORDER BY hits.rank DESC, d.id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, tsquery, limit, tsquery, options])
        rows = cursor.fetchall()
    return [
        Hit(kind=k, object_id=o, group_id=g, title=t, url=u, snippet=_highlight(s or ""))
        for k, o, g, t, u, s in rows
    ]

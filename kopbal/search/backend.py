"""Wagtail's database search backend, made Dutch, accent-blind and fond of fresh news.

Point ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`` at this module. It picks the
engine from the default database, like ``wagtail.search.backends.database`` does:

* SQLite (the embedded default): FTS5 has no Dutch stemmer, so titles and bodies are
  folded, stripped of stop words and stemmed in Python (Snowball ``dutch_porter``) before
  FTS5 stores them, and the words of each query go through the same steps.
* PostgreSQL (the scale profile): the server's text search with ``SEARCH_CONFIG``
  (``dutch`` by default), which stems with the same Snowball algorithm. Accents are folded
  in Python on the way in and out, so no ``unaccent`` extension is needed.

On both, when results are ordered by relevance and the model has the ``FRESHNESS_FIELD``
(``first_published_at``), the score is multiplied by ``1 / (1 + age_in_days / FRESHNESS_DAYS)``:
among equally relevant articles today's comes before last year's.

After switching to this backend, or changing its settings, run ``manage.py update_index``.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import CharField, F, FloatField, Func, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .text import fold, stemmed

DEFAULT_FRESHNESS_FIELD = "first_published_at"
DEFAULT_FRESHNESS_DAYS = 30.0
# bm25() column weights in the FTS5 table `(autocomplete, body, title)`: a word in the
# headline counts three times as much as one in the lead or body.
TITLE_WEIGHT = 3.0


class AgeInDays(Func):
    """Days between `now` and a datetime column, never negative; per database vendor."""

    output_field = FloatField()

    def __init__(self, expression, now, **extra):
        super().__init__(expression, **extra)
        self.now = now

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        now = self.now.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return f"MAX(julianday(%s) - julianday({sql}), 0.0)", [now, *params]

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"GREATEST(EXTRACT(EPOCH FROM (%s::timestamptz - {sql})) / 86400.0, 0.0)",
            [self.now, *params],
        )

    def as_sql(self, compiler, connection, **extra_context):  # other databases: no decay
        return "0.0", []


class FreshnessMixin:
    """Relevance × freshness for query compilers of models with a publication date."""

    def freshness(self):
        """The multiplier for each row, or None when the model has no such date."""
        params = getattr(self, "_kopbal_params", {})
        field_name = params.get("FRESHNESS_FIELD", DEFAULT_FRESHNESS_FIELD)
        days = float(params.get("FRESHNESS_DAYS", DEFAULT_FRESHNESS_DAYS))
        if not field_name or days <= 0:
            return None
        try:
            self.queryset.model._meta.get_field(field_name)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist: this model has no date
            return None
        age = Coalesce(AgeInDays(F(field_name), timezone.now()), Value(36500.0))
        return Value(1.0) / (Value(1.0) + age / Value(days))


class PreparedFieldsMixin:
    """Each search field's value computed once per object.

    modelsearch's indexers walk every field again for the title, the body, the
    autocomplete text (and on PostgreSQL the plain title and body texts), so an article's
    body StreamField was rendered to text three to five times per indexing.
    """

    def prepare_field(self, obj, field):
        prepared = self.__dict__.setdefault("_prepared", {})
        key = (id(obj), id(field))
        if key not in prepared:
            prepared[key] = list(super().prepare_field(obj, field))
        return prepared[key]


def _bind_params(compiler_class, params):
    """A compiler subclass that knows the backend's settings (compilers are built by name)."""
    return type(compiler_class.__name__, (compiler_class,), {"_kopbal_params": params})


# --- SQLite --------------------------------------------------------------------------------

if connection.vendor == "sqlite":
    from modelsearch.backends.database.sqlite import sqlite as _sqlite
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize

    class WeightedBM25(BM25):
        def as_sql(self, compiler, connection, function=None, template=None):
            table = _sqlite.SQLiteFTSIndexEntry._meta.db_table
            return f"bm25({table}, 0.0, 1.0, {TITLE_WEIGHT})", []

    class DutchObjectIndexer(PreparedFieldsMixin, _sqlite.ObjectIndexer):
        """Stores stems in `title` and `body`; `autocomplete` keeps whole (folded) words."""

        @cached_property
        def title(self):
            return stemmed(super().title)

        @cached_property
        def body(self):
            return stemmed(super().body)

        @cached_property
        def autocomplete(self):
            return fold(super().autocomplete)

    class DutchSQLiteIndex(_sqlite.SQLiteIndex):
        def _refresh_title_norms(self, full=False):
            """Not used: bm25() normalises for length itself; saves a full scan per publish."""

        def add_items(self, model, objs):
            # modelsearch's add_items, with our indexer.
            if not model.get_search_fields():
                return
            indexers = [DutchObjectIndexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            content_type_pk = get_content_type_pk(model)
            data = {i.id: (i.title, i.autocomplete, i.body) for i in indexers}
            entries = self.entries.filter(content_type_id=content_type_pk)
            existing = frozenset(
                entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
            )
            for object_id in existing:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(
                    title=title, autocomplete=autocomplete, body=body
                )
            self.entries.bulk_create(
                _sqlite.IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in existing
            )

    class DutchSQLiteQueryMixin:
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                query = PlainText(stemmed(query.query_string) or "", operator=query.operator)
            elif isinstance(query, Phrase):
                query = Phrase(stemmed(query.query_string))
            return super().build_search_query_content(query, config=config)

    class DutchSQLiteSearchQueryCompiler(
        FreshnessMixin, DutchSQLiteQueryMixin, _sqlite.SQLiteSearchQueryCompiler
    ):
        def _build_rank_expression(self, vectors, config):
            return WeightedBM25()

        def search(self, config, start, stop, score_field=None):
            normalized = normalize(self.query)
            freshness = self.freshness() if self.order_by_relevance else None
            if (
                freshness is None
                or isinstance(normalized, (MatchAll, Not))
                or self.fields is not None
            ):
                return super().search(config, start, stop, score_field=score_field)

            match = MatchExpression(
                self.FTS_TABLE_FIELDS, self.build_search_query(normalized, config=config)
            )
            hits = _sqlite.SQLiteFTSIndexEntry.objects.filter(match).filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            # Compare object_id (text) with text, so that SQLite can use its unique index.
            score = (
                hits.filter(index_entry__object_id=Cast(OuterRef("pk"), CharField()))
                .annotate(score=WeightedBM25())
                .values("score")[:1]
            )
            queryset = (
                self.queryset.filter(pk__in=hits.values("index_entry__object_id"))
                # bm25() is negative, better matches more so.
                .annotate(_relevance=-Subquery(score, output_field=FloatField()))
                .annotate(_rank=F("_relevance") * freshness)
                .order_by("-_rank", "-pk")
            )
            if score_field is not None:
                queryset = queryset.annotate(**{score_field: F("_rank")})
            return queryset[start:stop]

    class DutchSQLiteAutocompleteQueryCompiler(_sqlite.SQLiteAutocompleteQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                query = PlainText(fold(query.query_string), operator=query.operator)
            return super().build_search_query_content(query, config=config)

    class DutchSQLiteSearchBackend(_sqlite.SQLiteSearchBackend):
        index_class = DutchSQLiteIndex

        def __init__(self, params):
            super().__init__(params)
            self.query_compiler_class = _bind_params(DutchSQLiteSearchQueryCompiler, params)
            self.autocomplete_query_compiler_class = DutchSQLiteAutocompleteQueryCompiler


# --- PostgreSQL ----------------------------------------------------------------------------

if connection.vendor == "postgresql":
    from modelsearch.backends.database.postgres import postgres as _pg

    class FoldingObjectIndexer(PreparedFieldsMixin, _pg.ObjectIndexer):
        """Folds accents before PostgreSQL stems: `Modrić` is stored as `modric`."""

        def prepare_value(self, value):
            return fold(super().prepare_value(value))

    class DutchPostgresIndex(_pg.PostgresIndex):
        def _refresh_title_norms(self, full=False):
            """Keep every title_norm at 1.0.

            modelsearch sets it to `average title length / this title's length` for rows
            that still hold 1.0, with the average of the moment, so two identical headlines
            indexed at different times rank differently, and fresh articles lose to old
            ones at random. It also scanned the whole index on every publish.
            """

        def add_items(self, model, objs):
            # Same as modelsearch's add_items, with the folding indexer.
            if not model.get_search_fields():
                return
            indexers = [FoldingObjectIndexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            content_type_pk = get_content_type_pk(model)
            compiler = _pg.InsertQuery(_pg.IndexEntry).get_compiler(
                connection=self.write_connection
            )
            rows, params = [], []
            for indexer in indexers:
                params.extend((content_type_pk, indexer.id))
                vectors = []
                for name in ("title", "autocomplete", "body"):
                    value = compiler.prepare_value(
                        _pg.IndexEntry._meta.get_field(name), getattr(indexer, name)
                    )
                    sql, value_params = value.as_sql(compiler, self.write_connection)
                    vectors.append(sql)
                    params.extend(value_params)
                params.extend((indexer.title_text, indexer.body_text))
                rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
            table = _pg.IndexEntry._meta.db_table
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"""
                    INSERT INTO {table} (content_type_id, object_id, title, autocomplete,
                                         body, title_norm, title_text, body_text)
                    (VALUES {", ".join(rows)})
                    ON CONFLICT (content_type_id, object_id)
                    DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,
                                  autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                                  title_text = EXCLUDED.title_text,
                                  body_text = EXCLUDED.body_text
                    """,  # noqa: S608 - only placeholders and our own table name
                    params,
                )

    class FoldingQueryMixin:
        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, PlainText):
                query = PlainText(fold(query.query_string), operator=query.operator)
            elif isinstance(query, Phrase):
                query = Phrase(fold(query.query_string))
            return super().build_tsquery_content(query, config=config, invert=invert)

    class DutchPostgresSearchQueryCompiler(
        FreshnessMixin, FoldingQueryMixin, _pg.PostgresSearchQueryCompiler
    ):
        def _apply_ordering_and_scoring(
            self, queryset, rank_expression, start, stop, score_field=None
        ):
            freshness = self.freshness() if self.order_by_relevance else None
            if freshness is None:
                return super()._apply_ordering_and_scoring(
                    queryset, rank_expression, start, stop, score_field
                )
            queryset = queryset.annotate(_rank=rank_expression * freshness).order_by(
                "-_rank", "-pk"
            )
            if score_field is not None:
                queryset = queryset.annotate(**{score_field: F("_rank")})
            return queryset[start:stop]

    class DutchPostgresAutocompleteQueryCompiler(
        FoldingQueryMixin, _pg.PostgresAutocompleteQueryCompiler
    ):
        pass

    class DutchPostgresSearchBackend(_pg.PostgresSearchBackend):
        index_class = DutchPostgresIndex

        def __init__(self, params):
            params = {"SEARCH_CONFIG": "dutch", **params}
            super().__init__(params)
            self.query_compiler_class = _bind_params(DutchPostgresSearchQueryCompiler, params)
            self.autocomplete_query_compiler_class = DutchPostgresAutocompleteQueryCompiler


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The Dutch backend for the default database's engine."""
    if connection.vendor == "postgresql":
        return DutchPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available

        if fts5_available():
            return DutchSQLiteSearchBackend(params)
    return DatabaseSearchBackend(params)

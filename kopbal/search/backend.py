"""Wagtail's database search backend, made Dutch, accent-blind and fond of fresh news.

Point ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`` at this module. It picks the
engine from the default database, like ``wagtail.search.backends.database`` does:

* SQLite (the embedded default): FTS5 has no Dutch stemmer, so titles and bodies are
  folded, stripped of stop words and stemmed in Python (Snowball ``dutch_porter``) before
  FTS5 stores them, and the words of each query go through the same steps.
* PostgreSQL (the scale profile): the server's text search with ``SEARCH_CONFIG``
  (``dutch`` by default), which stems with the same Snowball algorithm. Accents are folded
  in Python on the way in and out, so no ``unaccent`` extension is needed, and the forms
  of -eren loan verbs (``getransfereerd``) are reduced to their root (``transfer``) first,
  as on SQLite (``text.lemma``).

On both, when results are ordered by relevance and the model has the ``FRESHNESS_FIELD``
(``first_published_at``), the score is multiplied by ``1 / (1 + age_in_days / FRESHNESS_DAYS)``:
among equally relevant articles today's comes before last year's.

After switching to this backend, or changing its settings, run ``manage.py update_index``.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import F, FloatField, Func, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .text import fold, normalize, stemmed

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

        def fresh_ranking(self) -> bool:
            """Whether we rank (relevance × freshness, or date) instead of modelsearch."""
            if self.fields is not None or isinstance(normalize(self.query), (MatchAll, Not)):
                return False
            if self.order_by_relevance:
                return self.freshness() is not None
            return self._date_order() is not None

        def _date_order(self):
            field = getattr(self, "_kopbal_params", {}).get(
                "FRESHNESS_FIELD", DEFAULT_FRESHNESS_FIELD
            )
            return field if list(self.queryset.query.order_by) == [f"-{field}"] else None

        def _scores(self, config) -> dict:
            """{object_id: relevance} for every match, from one FTS5 query.

            The FTS table must drive the join: SQLite's planner otherwise walks every
            index entry and runs the full-text match again for each (modelsearch's own
            subqueries do), which takes minutes for a common word in 100,000 articles.
            """
            hits = (
                self._hits(config)
                .annotate(score=WeightedBM25())
                .values_list("index_entry__object_id", "score")
            )
            with connection.cursor() as cursor:
                cursor.execute(*self._fts_driven(hits))
                # bm25() is negative: the better the match, the lower.
                return {object_id: -score for object_id, score in cursor.fetchall()}

        def _hits(self, config):
            """The FTS5 rows that match, for this model and its subclasses."""
            match = MatchExpression(
                self.FTS_TABLE_FIELDS,
                self.build_search_query(normalize(self.query), config=config),
            )
            return _sqlite.SQLiteFTSIndexEntry.objects.filter(match).filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )

        def _fts_driven(self, queryset) -> tuple[str, list]:
            sql, params = queryset.query.sql_with_params()
            table = _sqlite.IndexEntry._meta.db_table
            return sql.replace(f'INNER JOIN "{table}"', f'CROSS JOIN "{table}"', 1), params

        def ranked_ids(self, config) -> list:
            """Every matching id that the queryset allows, best first. Cached per query."""
            cached = getattr(self, "_ranked", None)
            if cached is not None:
                return cached
            params = getattr(self, "_kopbal_params", {})
            field = params.get("FRESHNESS_FIELD", DEFAULT_FRESHNESS_FIELD)
            days = float(params.get("FRESHNESS_DAYS", DEFAULT_FRESHNESS_DAYS))
            scores = self._scores(config)
            ids_sql, ids_params = self._fts_driven(
                self._hits(config).values_list("index_entry__object_id")
            )
            # Django compiled ids_sql with its parameters apart: nothing from the reader in it.
            matching = RawSQL(  # noqa: S611
                f'SELECT CAST("index_entry__object_id" AS INTEGER) FROM ({ids_sql})',  # noqa: S608
                ids_params,
            )
            # Age in days computed by SQLite: no datetime parsing for every candidate.
            rows = (
                self.queryset.order_by()
                .filter(pk__in=matching)
                .annotate(_age=AgeInDays(F(field), timezone.now()))
                .values_list("pk", "_age")
            )
            ranked = []
            for pk, age in rows:
                age = 36500.0 if age is None else age
                if self.order_by_relevance:
                    key = -scores.get(str(pk), 0.0) / (1.0 + age / days)
                else:
                    key = age
                ranked.append((key, -pk, pk))
            ranked.sort()
            self._ranked = [pk for _key, _neg, pk in ranked]
            return self._ranked

        def search(self, config, start, stop, score_field=None):
            if not self.fresh_ranking():
                return super().search(config, start, stop, score_field=score_field)
            ids = self.ranked_ids(config)[start:stop]
            found = {}
            for chunk in range(0, len(ids), 500):
                for obj in self.queryset.filter(pk__in=ids[chunk : chunk + 500]):
                    found[obj.pk] = obj
            results = [found[pk] for pk in ids if pk in found]
            if score_field is not None:
                for position, obj in enumerate(results):
                    setattr(obj, score_field, -float(position + (start or 0)))
            return results

    class DutchSQLiteSearchResults(_sqlite.SQLiteSearchResults):
        def _do_count(self):
            compiler = self.query_compiler
            if getattr(compiler, "fresh_ranking", lambda: False)():
                ids = compiler.ranked_ids(compiler.get_config(self.backend))
                return len(ids[self.start : self.stop])
            return super()._do_count()

    class DutchSQLiteAutocompleteQueryCompiler(_sqlite.SQLiteAutocompleteQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                query = PlainText(fold(query.query_string), operator=query.operator)
            return super().build_search_query_content(query, config=config)

    class DutchSQLiteSearchBackend(_sqlite.SQLiteSearchBackend):
        index_class = DutchSQLiteIndex
        results_class = DutchSQLiteSearchResults

        def __init__(self, params):
            super().__init__(params)
            self.query_compiler_class = _bind_params(DutchSQLiteSearchQueryCompiler, params)
            self.autocomplete_query_compiler_class = DutchSQLiteAutocompleteQueryCompiler


# --- PostgreSQL ----------------------------------------------------------------------------

if connection.vendor == "postgresql":
    from modelsearch.backends.database.postgres import postgres as _pg

    class FoldingObjectIndexer(PreparedFieldsMixin, _pg.ObjectIndexer):
        """Folds accents before PostgreSQL stems: `Modrić` is stored as `modric`.

        Title and body also get loan-verb forms reduced (`getransfereerd` → `transfer`);
        autocomplete keeps the words as written.
        """

        def prepare_value(self, value):
            return fold(super().prepare_value(value))

        def as_vector(self, texts, for_autocomplete=False):
            if not for_autocomplete:
                texts = [(normalize(text), weight) for text, weight in texts]
            return super().as_vector(texts, for_autocomplete=for_autocomplete)

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
        """The reader's words prepared as the index was: `prepare_text` on each."""

        prepare_text = staticmethod(normalize)

        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, PlainText):
                query = PlainText(self.prepare_text(query.query_string), operator=query.operator)
            elif isinstance(query, Phrase):
                query = Phrase(self.prepare_text(query.query_string))
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
        prepare_text = staticmethod(fold)  # autocomplete matches words as written

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

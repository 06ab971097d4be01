"""New rows written with PostgreSQL's COPY, for the bulk import (articles.services.bulk).

bulk_create renders every value of a 1,000-article batch into one INSERT statement: Django
compiles each field's value, psycopg quotes it into the SQL text (client-side binding) and the
server parses the whole statement back. Profiled on 10,000 generated articles, that was half of
the import's database time. COPY streams the same values as rows, with no SQL to build or parse.

    create(Article, objs, history=True)   # sets each obj.pk; writes the history rows too

The rows are built from the model's own concrete fields, so a new field is written without a
change here: fields whose Python value psycopg writes as it is (text, numbers, dates, booleans,
keys) are read off the instance; others (JSON) go through the field's get_db_prep_save, and
auto_now fields through pre_save, as bulk_create would. Primary keys are drawn from the table's
own sequence first, so the caller learns them without reading the rows back.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone
from psycopg import sql

# Fields whose Python value psycopg's COPY writes exactly as bulk_create's SQL would store it
# (not a DateTimeField, a DateField too: get_db_prep_save makes a naive time aware).
PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.DateField,
                models.ForeignKey, models.AutoField, models.BigAutoField)


def available() -> bool:
    return connection.vendor == "postgresql"


def allocate_pks(model: type[models.Model], count: int) -> list[int]:
    """Draw `count` values from the primary key's sequence (an identity column's too)."""
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, count])
        return [pk for (pk,) in cursor.fetchall()]


def _reader(field: models.Field, *, saving: bool = True):
    """How to read the field's value for COPY off an instance. saving: the instance is being
    written now, so its auto_now fields take the time, as bulk_create gives it them."""
    if saving and (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)):
        return lambda obj: field.pre_save(obj, add=True)
    if isinstance(field, PLAIN_FIELDS) and not isinstance(field, models.DateTimeField):
        attname = field.attname
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.get_db_prep_save(getattr(obj, field.attname), connection)


def copy(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """COPY these rows (values in the columns' order) into the model's table."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table), sql.SQL(", ").join(map(sql.Identifier, columns)))
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as stream:
        for row in rows:
            stream.write_row(row)


def insert(model: type[models.Model], objs: list[models.Model], *, with_pks: bool = True) -> list[models.Model]:
    """Write new instances; with_pks draws their primary keys first and sets them on the objs
    (without, the table's default numbers them and the objs keep pk None)."""
    fields = [f for f in model._meta.concrete_fields if with_pks or not f.primary_key]
    if with_pks:
        for obj, pk in zip(objs, allocate_pks(model, len(objs)), strict=True):
            obj.pk = pk
    readers = [_reader(f) for f in fields]
    copy(model, [f.column for f in fields], ([read(obj) for read in readers] for obj in objs))
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


def insert_history(model: type[models.Model], objs: list[models.Model]) -> None:
    """The "created" history row of each new instance, as simple_history's
    bulk_create_with_history writes it (no user, no reason, one time for the batch), from the
    instance's values as just written."""
    historical = model.history.model
    tracked = historical.tracked_fields
    readers = [_reader(f, saving=False) for f in tracked]
    meta = historical._meta
    columns = [f.column for f in tracked]  # the history table names its copies of them alike
    columns += [meta.get_field(name).column for name in ("history_date", "history_change_reason",
                                                           "history_type", "history_user")]
    created = (timezone.now(), None, "+", None)
    copy(historical, columns, ([read(obj) for read in readers] + list(created) for obj in objs))


@functools.cache
def _unique_attnames(model: type[models.Model]) -> tuple[str, ...]:
    meta = model._meta
    rules = [c.fields for c in meta.constraints if isinstance(c, models.UniqueConstraint) and c.fields
             and c.condition is None]
    rules += list(meta.unique_together)
    names = rules[0] if rules else [f.name for f in meta.concrete_fields if not f.primary_key]
    return tuple(meta.get_field(name).attname for name in names)


def unique_key(obj: models.Model) -> tuple:
    """The values of the model's first uniqueness rule (a UniqueConstraint without condition,
    or unique_together; all non-key fields when it has none): two objs with the same key would
    be one row too many."""
    return tuple(getattr(obj, name) for name in _unique_attnames(type(obj)))


def create(model: type[models.Model], objs: list[models.Model], *, history: bool) -> list[models.Model]:
    """insert() and, for a model with history, insert_history()."""
    insert(model, objs)
    if history and hasattr(model, "history"):
        insert_history(model, objs)
    return objs

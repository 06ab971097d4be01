"""Optimistic locking for the editors' admin: a save based on a stale page is refused.

Every change form carries, in a hidden field, a version of the record as the page
showed it: a hash of the record's own fields and many-to-many links as stored. On
save the record is re-read under a row lock (SELECT … FOR UPDATE on PostgreSQL;
SQLite's IMMEDIATE transactions already serialise writers) and, if anyone — another
editor, an import, a merge — changed it since the page was opened, the form is shown
again with an error instead of silently overwriting their change. No update is ever
lost; the editor reloads, sees the other change and applies theirs again.

A POST without the field (a hand-made request, not the admin page) is not checked.
"""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

VERSION_FIELD = "loaded_version"
CONFLICT = (
    "保存失败：你打开此页之后，这条记录已被他人（或导入程序）修改。"
    "为免覆盖他们的修改，本次没有保存。请重新打开此页，核对最新内容后再改。"
)


def record_version(obj: models.Model) -> str:
    """A hash of the record as stored: concrete fields and many-to-many target ids."""
    values: dict[str, object] = {}
    for field in obj._meta.concrete_fields:
        values[field.attname] = field.value_to_string(obj)
    for field in obj._meta.many_to_many:
        values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    encoded = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def stored_version(model: type[models.Model], pk: object, *, lock: bool = False) -> str | None:
    queryset = model._default_manager.all()
    if lock:
        queryset = queryset.select_for_update()
    current = queryset.filter(pk=pk).first()
    return record_version(current) if current is not None else None


class VersionedModelForm(forms.ModelForm):
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None:
            # From the database, not self.instance: a history revert form shows an old snapshot.
            self.initial[VERSION_FIELD] = stored_version(type(self.instance), self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        loaded = (self.cleaned_data.get(VERSION_FIELD) or "").strip()
        if loaded and self.instance.pk is not None:
            # Inside the admin's transaction: the lock holds until this save commits.
            if stored_version(type(self.instance), self.instance.pk, lock=True) != loaded:
                raise ValidationError(CONFLICT, code="stale")
        return cleaned


def with_version_field(fieldsets):
    """The fieldsets with the hidden version field added to the first one (once)."""
    fieldsets = list(fieldsets)
    if not fieldsets or any(VERSION_FIELD in _names(opts.get("fields", ())) for _, opts in fieldsets):
        return fieldsets
    name, opts = fieldsets[0]
    fieldsets[0] = (name, {**opts, "fields": [*opts.get("fields", ()), VERSION_FIELD]})
    return fieldsets


def _names(fields) -> list[str]:
    names = []
    for field in fields:
        names.extend(field if isinstance(field, list | tuple) else [field])
    return names

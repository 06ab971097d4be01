from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Mention
from articles.services.merge import MergeReport

from .versioning import VersionedModelForm, with_version_field


class VersionedAdmin(admin.ModelAdmin):
    """Optimistic locking (see versioning.py): a save based on a stale page is refused."""

    form = VersionedModelForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "GET" or object_id is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        # The record shown and its version must come from one snapshot. Django reads a change
        # page outside any transaction: a save committed between reading the record and reading
        # its version gave an old text with the new version, and the editor's save then
        # overwrote that save unnoticed (seen once in tests/hardening/test_concurrency.py).
        using = router.db_for_write(self.model)
        connection = transaction.get_connection(using)
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            # (SQLite's IMMEDIATE transactions already keep writers out until the page is read.)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return with_version_field(fieldsets) if obj is not None else fieldsets


class ContentAdmin(VersionedAdmin, SimpleHistoryAdmin):
    """Shared defaults: history on every record, optimistic locking, no full-table counts on large lists."""

    show_full_result_count = False
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ConstraintCheckingInlineFormSet(BaseInlineFormSet):
    """Django does not check constraints that involve the parent key in inline forms, so a
    duplicate (a post the official already holds) would reach the database as a 500.
    Checking them here turns it into an error on the form the editor can fix."""

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not form.has_changed():
                continue
            try:
                form.instance.validate_constraints()
            except ValidationError as error:
                form.add_error(None, error)


class CheckedInline(admin.TabularInline):
    formset = ConstraintCheckingInlineFormSet


class MentionInlineBase(CheckedInline):
    model = Mention
    extra = 0
    fields = ["article", "field", "start", "end", "surface"]
    autocomplete_fields = ["article"]
    show_change_link = True
    verbose_name_plural = "文章中的提及"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")


def merge_selected_records(
    model_admin: admin.ModelAdmin, request, queryset, merge: Callable[..., MergeReport], alias_word: str
) -> None:
    """Keep the oldest selected record and fold the others into it."""
    records = list(queryset.order_by("pk"))
    if len(records) < 2:
        model_admin.message_user(request, "请至少选择两条记录再合并。", messages.WARNING)
        return
    keep, *duplicates = records
    report = merge(keep=keep, duplicates=duplicates)
    model_admin.message_user(
        request,
        f"已将 {report.merged} 条记录并入“{keep.name}”，移动职务 {report.moved_posts} 条、"
        f"提及 {report.moved_mentions} 处、{alias_word} {report.moved_aliases} 个。",
        messages.SUCCESS,
    )

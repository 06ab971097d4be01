"""Search field types beyond haystack's own.

haystack's CharField is full text (analysed by textkit.analysis); a
KeywordField is matched, filtered and faceted by its exact value.
"""

from haystack import indexes


class KeywordField(indexes.CharField):
    field_type = "keyword"


class KeywordMultiField(indexes.MultiValueField):
    field_type = "keyword"


class StoredField(indexes.CharField):
    """Kept with the document and given back with each hit, never searched (tantivy bytes)."""

    field_type = "stored"

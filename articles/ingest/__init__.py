"""Ingestion: raw newspaper and web texts in, frozen dataclasses out.

Pure Python on purpose: nothing here imports Django, so the whole pipeline runs
and is tested without a database. Chinese-specific conversion (OpenCC) comes
only from textkit.analysis, the one module allowed to know it.
"""

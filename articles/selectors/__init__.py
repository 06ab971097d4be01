"""Every read the site, the feeds, the exports and the API make; views stay thin.

Each module holds the reads about one kind of record; all functions take keyword-only
arguments and return querysets, model instances or small dataclasses.
"""

"""The analysts' site: one module per kind of page; reads live in articles.selectors."""

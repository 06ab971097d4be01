"""An analyst's saved searches and watches, and the digests of what is new in them."""

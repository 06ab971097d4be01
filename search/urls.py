from django.urls import path

from search import exports, feeds, views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/syntax/", views.syntax_page, name="syntax"),
    path("feeds/search/", feeds.SearchFeed(), name="feed-search"),
    path("exports/search/", exports.SearchExport.as_view(), name="export-search"),
]

from django.urls import path

from search import batch_views, exports, feeds, trend_views, views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/syntax/", views.syntax_page, name="syntax"),
    path("trends/", trend_views.trends_page, name="trends"),
    path("search/batch/", batch_views.batch_page, name="batch"),
    path("feeds/search/", feeds.SearchFeed(), name="feed-search"),
    path("exports/search/", exports.SearchExport.as_view(), name="export-search"),
]

from django.urls import path

from watch import feeds, views

app_name = "watch"

urlpatterns = [
    path("", views.index, name="index"),
    path("save/", views.save_search, name="save"),
    path("searches/<int:pk>/", views.saved_search, name="saved-search"),
    path("searches/<int:pk>/edit/", views.edit_saved_search, name="saved-search-edit"),
    path("searches/<int:pk>/seen/", views.saved_search_seen, name="saved-search-seen"),
    path("searches/<int:pk>/token/", views.reset_token, name="saved-search-token"),
    path("searches/<int:pk>/delete/", views.delete_saved_search, name="saved-search-delete"),
    path("add/", views.add_watch, name="add"),
    path("watches/<int:pk>/", views.watch, name="watch"),
    path("watches/<int:pk>/edit/", views.edit_watch, name="watch-edit"),
    path("watches/<int:pk>/seen/", views.watch_seen, name="watch-seen"),
    path("watches/<int:pk>/delete/", views.delete_watch, name="watch-delete"),
    path("feeds/<str:token>/", feeds.SavedSearchFeed(), name="feed"),
]

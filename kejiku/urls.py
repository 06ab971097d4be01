from django.contrib import admin
from django.urls import include, path, re_path

from kejiku.api import api
from kejiku.views import api_not_found

admin.site.site_header = "科技库 编辑后台"
admin.site.site_title = "科技库"
admin.site.index_title = "内容管理"

# Whatever escapes the views: a plain page without traceback (503 when the database is gone).
handler500 = "kejiku.views.server_error"



urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # After the API: what none of its routes matched, any character included (a bare "." stops
    # at a newline, and /api/officials/1%0A would get the site's HTML 404).
    re_path(r"^api/(?P<rest>[\s\S]*)$", api_not_found),
    path("watch/", include("watch.urls")),
    path("", include("search.urls")),
    path("", include("articles.urls")),
]

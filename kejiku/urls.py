from django.contrib import admin
from django.urls import include, path

from kejiku.api import api

admin.site.site_header = "科技库 编辑后台"
admin.site.site_title = "科技库"
admin.site.index_title = "内容管理"

# Whatever escapes the views: a plain page without traceback (503 when the database is gone).
handler500 = "kejiku.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("search.urls")),
    path("", include("articles.urls")),
]

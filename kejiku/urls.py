from importlib.util import find_spec

from django.contrib import admin
from django.urls import include, path

from kejiku.api import api

admin.site.site_header = "科技库 编辑后台"
admin.site.site_title = "科技库"
admin.site.index_title = "内容管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

# The search page and the analysts' site each own their url module.
for app_urls in ("search.urls", "articles.urls"):
    if find_spec(app_urls) is not None:
        urlpatterns.append(path("", include(app_urls)))

"""sitemap.xml: the fixed pages and a permalink for every record."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.links import url_for
from articles.models import Article, Meeting, MeetingSeries, Official, Organization, PolicyDocument, Source, Topic


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "articles:home", "articles:topics", "articles:archive", "articles:officials",
            "articles:meetings", "articles:documents", "articles:organizations", "articles:sources",
            "articles:formulations",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class RecordSitemap(Sitemap):
    model = None
    ordering = ("pk",)

    def items(self):
        return self.model.objects.order_by(*self.ordering)

    def location(self, item) -> str:
        return url_for(item)


class ArticleSitemap(RecordSitemap):
    model = Article
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Article.objects.only("pk", "updated_at").order_by("pk")

    def lastmod(self, item: Article):
        return item.updated_at


def _records(model: type, freq: str = "weekly") -> type[RecordSitemap]:
    return type(f"{model.__name__}Sitemap", (RecordSitemap,), {"model": model, "changefreq": freq})


SITEMAPS = {
    "pages": StaticSitemap,
    "articles": ArticleSitemap,
    "topics": _records(Topic),
    "officials": _records(Official),
    "meetings": _records(Meeting),
    "series": _records(MeetingSeries),
    "documents": _records(PolicyDocument),
    "organizations": _records(Organization),
    "sources": _records(Source),
}

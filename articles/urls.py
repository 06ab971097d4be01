"""The analysts' site. Every record has a permalink; every listing takes ?format=csv|json."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path

from articles import feeds
from articles.sitemaps import SITEMAPS
from articles.views import (
    archives,
    articles,
    documents,
    dossiers,
    formulations,
    home,
    meetings,
    officials,
    sources,
    topics,
)

app_name = "articles"

YEAR = r"(?P<year>[0-9]{4})"
MONTH = r"(?P<month>[0-9]{2})"
DAY = r"(?P<day>[0-9]{2})"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("articles/", articles.ArticleList.as_view(), name="articles"),
    path("articles/<int:pk>/", articles.ArticleDetail.as_view(), name="article"),
    path("archive/", archives.ArchiveIndex.as_view(), name="archive"),
    re_path(rf"^archive/{YEAR}/$", archives.YearArchive.as_view(), name="archive-year"),
    re_path(rf"^archive/{YEAR}/{MONTH}/$", archives.MonthArchive.as_view(), name="archive-month"),
    re_path(rf"^archive/{YEAR}/{MONTH}/{DAY}/$", archives.DayArchive.as_view(), name="archive-day"),
    path("topics/", topics.TopicList.as_view(), name="topics"),
    path("topics/<str:slug>/", topics.TopicDetail.as_view(), name="topic"),
    path("officials/", officials.OfficialList.as_view(), name="officials"),
    path("officials/compare/", officials.OfficialCompare.as_view(), name="official-compare"),
    path("officials/<int:pk>/", officials.OfficialDetail.as_view(), name="official"),
    path("officials/<int:pk>/dossier/", dossiers.OfficialDossier.as_view(), name="official-dossier"),
    path("meetings/", meetings.MeetingList.as_view(), name="meetings"),
    path("meetings/<int:pk>/", meetings.MeetingDetail.as_view(), name="meeting"),
    path("meetings/series/<int:pk>/", meetings.SeriesDetail.as_view(), name="meeting-series"),
    path("documents/", documents.DocumentList.as_view(), name="documents"),
    path("documents/<int:pk>/", documents.DocumentDetail.as_view(), name="document"),
    path("documents/<int:pk>/dossier/", dossiers.DocumentDossier.as_view(), name="document-dossier"),
    path("documents/<int:old>/diff/<int:new>/", documents.DocumentDiff.as_view(), name="document-diff"),
    path("organizations/", documents.OrganizationList.as_view(), name="organizations"),
    path("organizations/<int:pk>/", documents.OrganizationDetail.as_view(), name="organization"),
    path("organizations/<int:pk>/dossier/", dossiers.OrganizationDossier.as_view(), name="organization-dossier"),
    path("sources/", sources.SourceList.as_view(), name="sources"),
    path("sources/<int:pk>/", sources.SourceDetail.as_view(), name="source"),
    path("formulations/", formulations.FormulationIndex.as_view(), name="formulations"),
    path("formulations/<str:phrase>/", formulations.FormulationDetail.as_view(), name="formulation"),
    path("feeds/latest/", feeds.LatestFeed(), name="feed-latest"),
    path("feeds/topics/<str:slug>/", feeds.TopicFeed(), name="feed-topic"),
    path("feeds/officials/<int:pk>/", feeds.OfficialFeed(), name="feed-official"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

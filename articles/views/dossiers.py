"""Dossiers: an official, organization or document on one printable page, or as a Word file.

The page is the dossier for paper (its print stylesheet drops the site's navigation and spells
out every cited article's URL); ?format=docx downloads the same dossier as a .docx. PDF is the
browser's "print to PDF" of the page, so the site keeps no PDF engine. Reads only.
"""

import re
from urllib.parse import quote

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.generic import TemplateView

from articles.dossier_docx import CONTENT_TYPE, dossier_docx
from articles.selectors.documents import get_document, get_organization
from articles.selectors.dossiers import (
    Dossier,
    day_label,
    document_dossier,
    official_dossier,
    organization_dossier,
)
from articles.selectors.officials import get_official
from articles.views.mixins import NavMixin

FORMATS = ("html", "docx")
_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def docx_response(dossier: Dossier, request) -> HttpResponse:
    """The dossier as a .docx download: an ASCII file name, and the Chinese one in filename*."""
    content = dossier_docx(dossier, absolute=request.build_absolute_uri, generated=day_label(timezone.localdate()))
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    title = _UNSAFE_IN_FILENAME.sub("_", dossier.title)[:80]
    name = f"科技库{dossier.kind_label}-{title}.docx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{dossier.filename_stem}.docx\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    return response


class DossierView(NavMixin, TemplateView):
    """GET: the printable page, or with ?format=docx the Word file. Subclasses find the record
    (404 when there is none) and name the selector that assembles its dossier."""

    template_name = "articles/dossier.html"

    def dossier(self, pk: int) -> Dossier:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format") or "html"
        if fmt not in FORMATS:
            return JsonResponse({"error": f"unknown format {fmt!r}; use docx, or print the page"}, status=400)
        self.built = self.dossier(kwargs["pk"])
        if fmt == "docx":
            return docx_response(self.built, request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            dossier=self.built,
            origin=self.request.build_absolute_uri("/").rstrip("/"),  # cited URLs in full, for paper
            page_url=self.request.build_absolute_uri(self.request.path),
            generated=timezone.localdate(),
        )
        return context


class OfficialDossier(DossierView):
    nav = "officials"

    def dossier(self, pk: int) -> Dossier:
        return official_dossier(official=get_official(pk=pk))


class OrganizationDossier(DossierView):
    nav = "documents"

    def dossier(self, pk: int) -> Dossier:
        return organization_dossier(organization=get_organization(pk=pk))


class DocumentDossier(DossierView):
    nav = "documents"

    def dossier(self, pk: int) -> Dossier:
        return document_dossier(document=get_document(pk=pk))

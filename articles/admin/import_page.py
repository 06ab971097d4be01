"""An admin page where an editor pastes or uploads a raw page, reviews the parse, then saves it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from articles.ingest.decode import decode_text
from articles.ingest.errors import IngestError
from articles.ingest.pipeline import parse_document
from articles.selectors.officials import known_official_names
from articles.services.imports import import_document

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class RawPageForm(forms.Form):
    text = forms.CharField(label="粘贴原文", widget=forms.Textarea(attrs={"rows": 16}), required=False)
    upload = forms.FileField(
        label="或上传文件", required=False,
        help_text="纯文本或保存的网页（HTML），UTF-8、GBK、Big5 均可；中国政府网的政策文件页面导入为一份政策文件",
    )
    filename = forms.CharField(label="文件名", required=False, max_length=200, help_text="用于记录出处")

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError("文件过大（上限 2 MB）。")
            data["raw"] = upload.read()
            data["filename"] = data.get("filename") or upload.name
        elif data.get("text", "").strip():
            data["raw"] = data["text"]
        else:
            raise forms.ValidationError("请粘贴原文或上传文件。")
        data["filename"] = data.get("filename") or "pasted.txt"
        return data


def import_page_view(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    form = RawPageForm(request.POST or None, request.FILES or None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "导入原始版面",
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["raw"]
        filename = form.cleaned_data["filename"]
        try:
            parsed = parse_document(raw, filename=filename, known_officials=known_official_names())
        except IngestError as error:
            form.add_error(None, str(error))
            return TemplateResponse(request, "admin/articles/import_page.html", context, status=400)
        if "save" in request.POST:
            report = import_document(parsed)
            messages.success(request, f"已导入“{filename}”：{report}")
            for note in report.notes():  # every guess and unknown date, for the editor to check
                messages.warning(request, note)
            return redirect("admin:articles_article_changelist")
        text = raw if isinstance(raw, str) else decode_text(raw).text
        context.update({"parsed": parsed, "raw_text": text, "filename": filename})
    return TemplateResponse(request, "admin/articles/import_page.html", context)


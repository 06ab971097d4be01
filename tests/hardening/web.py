"""A small browser for the tests that talk to a real server: cookies, and forms filled the
way a browser fills them (every input, select and textarea of the form, as shown)."""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser


class FormParser(HTMLParser):
    """The fields of the form with the given id (or the first POST form)."""

    def __init__(self, form_id: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_values: list[str] = []
        self._select_first: str | None = None
        self._multiple = False
        self._option: dict | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done:
            wanted = attrs.get("id") == self.form_id if self.form_id else attrs.get("method", "").lower() == "post"
            self.inside = self.inside or wanted
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self._select, self._select_values, self._select_first = name, [], None
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select is not None:
            value = attrs.get("value")
            self._option = {"value": value, "selected": "selected" in attrs, "text": []}
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)
        elif self._option is not None:
            self._option["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "option" and self._option is not None:
            option = self._option
            value = option["value"] if option["value"] is not None else "".join(option["text"]).strip()
            if self._select_first is None:
                self._select_first = value
            if option["selected"]:
                self._select_values.append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            values = self._select_values
            if not values and not self._multiple and self._select_first is not None:
                values = [self._select_first]  # a single select submits its first option
            self.fields.extend((self._select, v) for v in values)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            if text.startswith("\n"):  # browsers drop the newline right after <textarea>
                text = text[1:]
            self.fields.append((self._textarea, text.replace("\r\n", "\n")))
            self._textarea = None


def form_fields(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    parser = FormParser(form_id)
    parser.feed(html)
    return parser.fields


@dataclass
class Page:
    status: int
    url: str
    text: str


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Browser:
    def __init__(self, base: str, timeout: float = 120) -> None:
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Page(response.status, response.headers.get("Location") or response.url,
                            response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Page(error.code, error.headers.get("Location") or request.full_url,
                        error.read().decode("utf-8", "replace"))

    def get(self, path: str) -> Page:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: list[tuple[str, str]]) -> Page:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST",
                                         headers={"Referer": self.base + path})
        return self._open(request)

    def use_session(self, key: str, name: str = "sessionid") -> None:
        host = urllib.parse.urlsplit(self.base).hostname
        self.cookies.set_cookie(http.cookiejar.Cookie(
            0, name, key, None, False, host, False, False, "/", True, False, None, False, None, None, {}))

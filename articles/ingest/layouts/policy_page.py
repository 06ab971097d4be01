"""A policy document's own page in the 中国政府网 form: an information table, then the text.

    索引号：000014349/2025-00012    主题分类：科技、教育\\科技
    发文机关：国务院办公厅            成文日期：2025年01月10日
    标题：国务院办公厅关于……的意见
    发文字号：国办发〔2025〕1号      发布日期：2025年01月15日
    （the document's full text）

Such a page is one policy document — its title, number, issuers, the dates it was
written and published, its full text and the documents it cites — not a page of
news stories. Labels and values may share a line or stand on lines of their own (a
table flattened by copying or by an HTML page).
"""

from __future__ import annotations

import re

from textkit.analysis import detect_script, normalize_doc_number

from .. import ner
from ..dates import DateContext, numeric_day
from ..documents import find_documents, genre
from ..model import Official, Organization, ParsedDocument, PartialDate, PolicyDocument, Post, Publication
from ..organizations import find_organizations, load_table, lookup_organization, merge_model_organizations
from ..people import find_people
from ..text import simplified
from .base import PageLayout, Unwrapped

LABELS = {"索引号": "index", "主题分类": "subjects", "发文机关": "issuers", "成文日期": "written",
          "标题": "title", "发文字号": "number", "发布日期": "published", "主题词": "keywords"}
_LABEL = re.compile(
    r"(?P<label>索\s*引\s*号|主题分类|发文机关|成文日期|标\s*题|发文字号|发布日期|主\s*题\s*词)\s*[:：]")
_KEYWORDS = re.compile(r"主\s*题\s*词")
_HEAD = 3000  # the table stands at the top of the page
_MIN_LABELS = 4
# Where the page's own chrome begins after the document (gov.cn: 【我要纠错】, 扫一扫在手机打开当前页).
_FOOTER = re.compile(r"^(?:【我要纠错】|【打印本页】|扫一扫在手机打开当前页|相关稿件|责任编辑\s*[:：]|【字体)")


def _labels(text: str) -> list[re.Match[str]]:
    return list(_LABEL.finditer(simplified(text[:_HEAD])))


def detect(text: str) -> bool:
    found = {re.sub(r"\s", "", m["label"]) for m in _labels(text)}
    return len(found & {"索引号", "发文机关", "成文日期", "发文字号", "发布日期", "标题"}) >= _MIN_LABELS


def split_table(lines: list[str]) -> tuple[list[str], list[str]]:
    """The information table among a page's visible lines (an HTML page), and the lines after it;
    ([], lines) when the page has none."""
    joined = "\n".join(lines)
    if not detect(joined):
        return [], lines
    first = next(i for i, line in enumerate(lines) if _LABEL.search(simplified(line)))
    last = max(i for i, line in enumerate(lines) if _LABEL.search(simplified(line)))
    # A label whose value stands on the next line takes that line too.
    # A label whose value stands on the next line takes that line too (but 主题词 is often left empty).
    label_only = bool(re.fullmatch(r".*[:：]\s*", lines[last]))
    end = last + 1 if label_only and not _KEYWORDS.search(simplified(lines[last])) else last
    return lines[first : end + 1], lines[end + 1 :]


def _table(text: str) -> tuple[dict[str, str], int]:
    """The labelled values, and where the table ends in text."""
    simp = simplified(text)
    marks = [m for m in _LABEL.finditer(simp) if m.start() < _HEAD]
    values: dict[str, str] = {}
    end = 0
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else None
        if stop is None:  # the last value runs to its line's end, or is the next line
            line_end = simp.find("\n", m.end())
            line_end = len(simp) if line_end < 0 else line_end
            if not simp[m.end() : line_end].strip() and line_end < len(simp) and not _KEYWORDS.match(m["label"]):
                nxt = simp.find("\n", line_end + 1)
                line_end = len(simp) if nxt < 0 else nxt
            stop = line_end
        value = re.sub(r"\s+", " ", text[m.end() : stop]).strip()
        values.setdefault(LABELS[re.sub(r"\s", "", m["label"])], value)
        end = stop
    return values, end


def _issuers(value: str) -> tuple[str, ...]:
    names = [n for n in re.split(r"[、，,；;\s]+", simplified(value)) if n]
    return tuple(dict.fromkeys(lookup_organization(n) or n for n in names))


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _full_text(text: str, title: str, number: str) -> str:
    lines = [line.strip() for line in text.strip().split("\n")]
    kept: list[str] = []
    for line in lines:
        if _FOOTER.match(simplified(line)):
            break
        kept.append(line)
    # The title (a centred heading broken over several lines) and the number printed again above the text.
    heading, plain_title = "", _letters(title)
    while kept:
        line = _letters(kept[0])
        if not line or line == _letters(number):
            kept.pop(0)
        elif plain_title and plain_title.startswith(heading + line):
            heading += line
            kept.pop(0)
        else:
            break
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def parse(page: Unwrapped, encoding: str, filename: str) -> ParsedDocument:
    values, end = _table(page.text)
    title = simplified(values.get("title") or page.facts.title).strip("《》 ")
    number = normalize_doc_number(re.sub(r"\s+", "", simplified(values.get("number", ""))))
    written, published = numeric_day(values.get("written", "")), numeric_day(values.get("published", ""))
    published = published or page.facts.date
    full_text = _full_text(page.text[end:], values.get("title", ""), values.get("number", ""))
    simp = simplified(full_text)
    ctx = DateContext(ref=written or published)
    orgs = merge_model_organizations(simp, find_organizations(simp), ner.organizations(simp))
    cited = [hit for hit in find_documents(simp, ctx, orgs) if not hit.is_reference and hit.title != title]
    cites = tuple(dict.fromkeys(hit.title for hit in cited))
    main = PolicyDocument(
        key=title, title=title, kind=genre(title) or "其他", doc_number=number,
        issuers=_issuers(values.get("issuers", "")), issued=PartialDate.of(written) if written else None,
        published_on=published, full_text=full_text, index_number=values.get("index", ""),
        subjects=tuple(s for s in re.split(r"[、，,\\\\/\s]+", simplified(values.get("subjects", ""))) if s),
        cites=cites,
    )
    others = {}
    for hit in cited:
        others.setdefault(hit.title, PolicyDocument(
            key=hit.title, title=hit.title, kind=hit.kind, short_title=hit.short_title,
            doc_number=hit.doc_number, issuers=tuple(hit.issuers), issued=hit.issued))
    table = load_table()
    seen = dict.fromkeys([*(o for o in main.issuers if o in table), *(hit.name for hit in orgs)])
    organizations = tuple(
        Organization(name, table[name].aliases if name in table else (), table[name].kind if name in table else "",
                     table[name].parent if name in table else None, (name,), ())
        for name in seen
    )
    site = page.facts.site or "中国政府网"
    officials = _officials(simp, orgs)
    return ParsedDocument(
        filename=filename, encoding=encoding, layout=LAYOUT.name, script=detect_script(page.text),
        publication=Publication(site, "government", published), items=(),
        documents=(main, *others.values()), organizations=organizations, officials=officials,
    )


def _officials(simp: str, orgs: list) -> tuple[Official, ...]:
    """Officials the document names with a post (an addressee: 温家宝总理：)."""
    posts: dict[str, dict[str, Post]] = {}
    for hit in find_people(simp, orgs, ner.people(simp), ner.places_and_bodies(simp), ner.not_name_starts(simp)):
        if hit.role == "official":
            for post in hit.posts:
                posts.setdefault(hit.name, {})[post.full_title] = Post(post.full_title, post.title, post.org, ())
    return tuple(Official(name, (name,), tuple(by_title.values()), ()) for name, by_title in posts.items())


LAYOUT = PageLayout(name="policy_document", detect=detect, parse=parse)


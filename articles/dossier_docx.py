"""A dossier (articles.selectors.dossiers) as a Word file, written with python-docx.

The file carries what the printed page carries: the same headings and facts, and under each
fact the articles it rests on, with their outlet, date and absolute URL (as a link), so the
file still says where every fact comes from once it has left the site. Built in memory: a
dossier is a few hundred paragraphs at most.
"""

import io
import re
from collections.abc import Callable

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from articles.selectors.dossiers import Dossier, Fact

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT, HEADING_FONT = "SimSun", "SimHei"  # what Word on a Chinese system has; others substitute
LINK_COLOUR = RGBColor(0x0B, 0x4F, 0x9C)

# Characters XML 1.0 cannot hold (a control character in an imported title would stop lxml).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _east_asian_font(style, name: str) -> None:
    """Word picks a CJK font from w:eastAsia, which python-docx's font.name leaves unset."""
    style.font.name = name
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _hyperlink(paragraph: Paragraph, url: str) -> None:
    """The URL as a clickable link (python-docx reads hyperlinks but has no call to add one)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run = paragraph.add_run(_clean(url))
    run.font.color.rgb = LINK_COLOUR
    run.font.underline = True
    link.append(run._r)  # moved from the paragraph into the link
    paragraph._p.append(link)


def _fact(document, fact: Fact, absolute: Callable[[str], str]) -> None:
    document.add_paragraph(_clean(fact.text), style="List Bullet")
    if not fact.citations:
        note = document.add_paragraph(style="List Continue")
        note.add_run(f"（{fact.basis}）").italic = True
        return
    for citation in fact.citations:
        line = document.add_paragraph(style="List Continue")
        line.add_run("见 ")
        line.add_run(f"《{_clean(citation.title)}》").bold = True
        line.add_run(f"，{_clean(citation.outlet)}，{citation.date_label}，")
        _hyperlink(line, absolute(citation.url))
    if fact.more:
        document.add_paragraph(f"等共 {fact.cited_total} 篇文章", style="List Continue")


def dossier_docx(dossier: Dossier, *, absolute: Callable[[str], str], generated: str) -> bytes:
    """The dossier as the bytes of a .docx file; `absolute` turns a site path into a full URL."""
    document = docx.Document()
    _east_asian_font(document.styles["Normal"], BODY_FONT)
    document.styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1"):
        _east_asian_font(document.styles[name], HEADING_FONT)
    document.core_properties.title = _clean(f"{dossier.title}（{dossier.kind_label}）")
    document.core_properties.author = "科技库"

    document.add_heading(_clean(dossier.title), level=0)
    head = document.add_paragraph()
    head.add_run(dossier.kind_label).bold = True
    if dossier.subtitle:
        head.add_run(f" · {_clean(dossier.subtitle)}")
    source = document.add_paragraph(f"科技库 · 生成于{generated} · 本档案页面：")
    _hyperlink(source, absolute(dossier.url))
    document.add_paragraph("每条事实下列出载明它的文章；未注文章的，为编辑录入。")

    for section in dossier.sections:
        document.add_heading(section.heading, level=1)
        if section.note:
            document.add_paragraph(section.note).runs[0].italic = True
        if not section.facts:
            document.add_paragraph("暂无记录。")
        for fact in section.facts:
            _fact(document, fact, absolute)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

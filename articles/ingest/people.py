"""People and the posts the text gives them.

A post is an organization (or a place) plus a title written right before a
name (科技部部长阴和俊), several posts joined by 、 sharing one name
(科技部党组书记、部长阴和俊: the bare 部长 takes 科技部 from its neighbour), or
总书记 right after a name. Only titles of public office make an official;
researchers, reporters and analysts are people but not officials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .organizations import NOT_PUBLIC, OrgHit, lookup_organization

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝阴习"
    # Less common surnames that officials in these texts do carry (怀进鹏, 谌贻琴, 郁建兴 …).
    "怀谌郁储诸荆揭匡衡湛凤钮伏帅仝逯蔺粟晋宿鞠籍薄冀銮於訾阙"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "夏侯", "皇甫", "令狐")
OFFICIAL_TITLES = (
    "党组书记", "党组副书记", "党组成员", "党委书记", "党委副书记", "副书记", "书记", "常委", "委员(?!会)",
    "副部长", "部长", "副主任", "主任", "副局长", "局长", "副司长", "司长", "副厅长", "厅长", "副市长", "市长",
    "副省长", "省长", "副区长", "区长", "县长", "副行长", "行长", "副院长", "院长", "副署长", "署长",
    "副主席", "主席", "副总理", "总理", "国务委员", "副秘书长", "秘书长", "新闻发言人", "发言人", "检察长",
    "行政长官", "处长", "总书记",
    # Titles of the wider public service and of Taiwan and Hong Kong (issue 19's real pages).
    "负责人", "副主委", "主委", "副科长", "科长", "副总统", "总统", "副委员长", "委员长", "主任委员",
    "副主任委员", "部长助理", "巡视员", "督察长", "总干事", "大使", "总领事", "立法委员", "立委", "议员",
    "行政院长", "行政院副院长", "立法院长", "议长", "副议长", "局长助理", "特首",
    "外长", "副外长", "首相", "副首相", "国王", "主计长", "侍卫长", "副侍卫长", "指挥官", "司令员", "副司令员", "政委",
    "参谋长", "关长", "副关长", "专员", "总工程师", "总经济师", "总会计师", "总督", "州长", "副州长",
    "国际贸易谈判代表", "国际贸易谈判副代表",
    "政务司司长", "财政司司长", "律政司司长", "副司长", "常务副市长", "常务副省长", "镇长", "乡长",
)
OTHER_TITLES = {
    "副研究员": "researcher", "研究员": "researcher", "教授": "researcher", "副教授": "researcher",
    "博士后": "researcher", "院士": "researcher", "首席宏观分析师": "analyst", "首席经济学家": "analyst",
    "分析师": "analyst", "高级工程师": "researcher", "工程师": "researcher", "董事长": "executive",
    "总经理": "executive",
}
# A title alone that can only be public office.
SELF_EVIDENT = {"总书记", "国务委员", "总理", "副总理", "行政长官", "总统", "副总统", "行政院长", "行政院副院长",
                "立法院长", "立法委员", "立委", "特首", "政务司司长", "财政司司长", "律政司司长", "外长", "首相",
                "副首相", "国王", "主计长", "总督", "市长", "副市长", "省长", "副省长", "县长", "副县长", "镇长",
                "乡长", "议长", "副议长", "司令员", "副司令员", "政委", "参谋长", "侍卫长", "副侍卫长"}
# Titles written after the name (温家宝总理, 马万祺副主席): only those that are always public office.
# Not 主席团, 主席台, 总统府: words the title begins.
_AFTER_TITLES = re.compile(r"(?:副总理|总理|副主席|主席|副委员长|委员长|总书记|副总统|总统|首相|国务委员)"
                           r"(?![团台位令府院])")
_TITLE_RE = re.compile(
    "|".join(sorted([*OFFICIAL_TITLES, *OTHER_TITLES], key=lambda t: len(t.split("(")[0]), reverse=True))
)
_AFTER_NAME = re.compile(
    r"^(?:说|表示|指出|强调|介绍|透露|出席|主持|会见|作|在|等|同志|和|与|及|一行|率|称|认为|谈|答|回应|宣布|"
    r"发表|致辞|讲话|参加|调研|考察|带队|签署|也|还|就|则|对|向|今天|今日|日前|近日|的|先生|女士|分别|共同|"
    r"听取|提出|要求|会同|接受|从左|补充|解释|回答|答问|当天|昨天|此前|随后|同|邀请|通电话|举行|应|逝世|去世|"
    r"上将|中将|少将|大校|上校|中校|少校|"
    # Wire copy dates the statement right after the name: 怀进鹏20日表示.
    r"[0-9０-９]{1,2}日|[一二三四五六七八九十]{1,3}日|[、，,。：:；;（(）)\s“”!！?？]|$)"
)
_NAME_END_BAD = set("说在和与及等作的对向也还就则")
_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,15}?(?:局|司|厅|处|室|办|办公室|中心|署|委员会|管委会|科|海关|所|站|支队|大队|"
                   r"党工委|工委|分局|组)$")
# What may stand between a body and the title (a unit's name, or only its last character: 农业农村|厅|厅长).
_GAP_UNIT = re.compile(_UNIT.pattern.replace("{1,15}?", "{0,15}?"))
# 国科会新任主委吴诚文: when the post was taken up is no part of it.
_TENURE = re.compile(r"^(?:新任|现任|时任|候任)$")
_SHARED_LAST = "部局院署厅处科司所社会"  # 财政部长 = 财政部 + 部长: the title repeats the body's last character
_BARE_UNIT = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{1,8}(?:局|司|厅|处|署|室|科|海关)$")
_SUBORDINATE = re.compile(r"^(?:所属|下属|直属|驻华|驻)$")
_ASSISTANT = re.compile(r"^(?:助理|副|常务副|代理|首席)$")
_PLACE = re.compile(r"(?:[\u4e00-\u9fff]{2,6}?(?:省|市|自治区|特别行政区|县|区))(?:委|政府)?$")
_GOV_TITLES = ("市长", "省长", "区长", "县长", "主席")
_HOLDS = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?:现任|担任|现为)")
_PUNCT = re.compile(r"[，,。；;：:！!？?“”《》（）()\s、]")
_LEFT_STOP = re.compile(r"[，,。；;：:！!？?“”《》（）()\s]|据|由|在|是|采访了|访|会见|同|对|向|经|和|与|及|记者")


@dataclass(frozen=True)
class PostHit:
    full_title: str
    title: str
    org: str | None  # canonical organization
    start: int
    named_body: bool = False  # the organization is a body or country the model named (法国, 国际劳工组织)


@dataclass(frozen=True)
class PersonHit:
    name: str
    start: int
    end: int
    posts: tuple[PostHit, ...]
    role: str  # official | researcher | analyst | executive


def valid_name(name: str) -> bool:
    if not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return False
    if name.startswith(COMPOUND_SURNAMES):
        return 3 <= len(name) <= 4
    return name[0] in SURNAMES and 2 <= len(name) <= 3


def name_at(text: str, pos: int, persons: dict | None = None, not_names: frozenset[int] = frozenset()) -> str | None:
    """The personal name starting at pos: as the model read it, else judged by surname and by
    what follows it."""
    span = (persons or {}).get(pos)
    if span is not None and 1 <= len(span.text) <= (12 if "·" in span.text else 6) and all(
            "\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in span.text):
        fitted = _fit(text, pos, span.text, not_names)
        if fitted is not None:
            return fitted
    if pos in not_names:
        return None  # the model reads a word there that cannot start a name
    covering = [sp for sp in (persons or {}).values() if sp.start < pos + 4 and pos < sp.end and len(sp.text) > 1]
    for length in (4, 3, 2):
        name = text[pos : pos + length]
        if len(name) < length or not valid_name(name):
            continue
        if any(sp.start == pos and sp.end != pos + length for sp in covering):
            continue
        if length > 2 and name[-1] in _NAME_END_BAD:
            continue
        if _AFTER_NAME.match(text[pos + length :]):
            return name
    return None


def name_ends_at(text: str, end: int) -> bool:
    """A name may end here: what follows is a word that follows names (说, 在, 出席, punctuation …)."""
    return bool(_AFTER_NAME.match(text[end:]))


def _fit(text: str, pos: int, name: str, not_names: frozenset[int] = frozenset()) -> str | None:
    """The model's name, one character shorter or up to two longer where only that ends it
    at a word that follows names (刘海星同古共… → 刘海星; 巴特策|策格邀请 → 巴特策策格)."""
    if len(name) >= 2 and _AFTER_NAME.match(text[pos + len(name) :]):
        return name
    tries = [len(name) - 1] if len(name) > 2 and "·" not in name else []
    # Longer only past a word the model reads as no name's part (特奥多罗|多次), unless the longer
    # form is an ordinary Chinese name (吴国|才 → 吴国才, 江|涌 → 江涌).
    longer = [length for length in (len(name) + 1, len(name) + 2)
              if pos + len(name) not in not_names or (length <= 3 and valid_name(text[pos : pos + length]))]
    for length in (*tries, *longer):
        candidate = text[pos : pos + length]
        if len(candidate) == length and all("\u4e00" <= ch <= "\u9fff" for ch in candidate[len(name):]) \
                and _AFTER_NAME.match(text[pos + length :]):
            return candidate
    return name if len(name) >= 2 else None


def _org_prefix(text: str, title_start: int, orgs: list[OrgHit], spans: tuple = (),
                title_end: int = -1) -> tuple[int, str | None]:
    """Where the post's organization begins, and which organization it is.

    The organization is a listed body (or a unit of one: 上海海关所属洋山海关查验一科) right before
    the title; a body whose last character the title repeats (财政部长: 财政部 + 部长); or a
    place, country or body the model names right before it (法国总统, 朝鲜劳动党总书记)."""
    window = text[max(0, title_start - 40) : title_start]
    puncts = list(_PUNCT.finditer(window))
    punct_left = title_start - len(window) + (puncts[-1].end() if puncts else 0)
    stops = list(_LEFT_STOP.finditer(window))
    left = title_start - len(window) + (stops[-1].end() if stops else 0)
    for hit in orgs:
        if punct_left <= hit.start and hit.end == title_start + 1 and hit.end - hit.start >= 3 \
                and text[title_start] in _SHARED_LAST:
            return hit.start, hit.name  # 财政部长, 国防部长: the title shares the body's last character
        if punct_left <= hit.start and hit.end <= title_start:
            between = text[hit.end : title_start]
            if not between or _GAP_UNIT.match(between) or _ASSISTANT.match(between) or _TENURE.match(between):
                return hit.start, hit.name
    if text[title_start : title_start + 1] in _SHARED_LAST:
        for span in spans:  # 菲律宾 + 国防部 + 长: a country's ministry contracted with its title
            between = text[span.end : title_start + 1]
            if punct_left <= span.start and 3 <= len(between) <= 5 and not _PUNCT.search(between):
                return span.start, None
    for span in spans:  # the model read the title into the name before it: 蒙古国外长
        if span.start < title_start < span.end and text[span.end - 1] == text[title_end - 1] \
                and span.end == title_end and punct_left <= span.start:
            return span.start, None
    named = _chain(text, [sp for sp in spans if punct_left <= sp.start and sp.end <= title_start], title_start)
    if named:  # the model's names chained up to the title: 菲律宾 + 国防部 + 长, 朝鲜劳动党 + 总书记
        first = named[0]
        between = text[first.start : title_start]
        if len(between) <= 20 and (named[-1].end == title_start or _GAP_UNIT.match(text[named[-1].end : title_start])
                                   or _ASSISTANT.match(text[named[-1].end : title_start])):
            return first.start, lookup_organization(between) if between else None
    place = _PLACE.search(text[left:title_start])
    if place:
        return left + place.start(), None
    if text[max(left, title_start - 2) : title_start] in ("国家", "中央"):
        return title_start - 2, None  # 国家主席, 中央军委 is listed
    if unit := _BARE_UNIT.search(text, left, title_start):
        return unit.start(), None  # 银行局副局长: a unit named without its body
    return title_start, None


def _chain(text: str, spans: list, end: int) -> list:
    """The spans that follow each other without a gap (but for a unit's name) and reach end."""
    chain: list = []
    for span in sorted(spans, key=lambda sp: sp.end, reverse=True):
        limit = chain[0].start if chain else end
        gap = text[span.end : limit]
        if span.end <= limit and (not gap or _SUBORDINATE.match(gap)
                                  or (not chain and (_GAP_UNIT.match(gap) or _ASSISTANT.match(gap)))):
            chain.insert(0, span)
        elif chain:
            break
    return chain


def _post(text: str, match: re.Match[str], orgs: list[OrgHit], spans: tuple = ()) -> PostHit:
    start, org = _org_prefix(text, match.start(), orgs, spans, match.end())
    window = max(0, start - 20)
    stop = max((m.end() for m in _PUNCT.finditer(text, window, start)), default=window)
    while (before := next((sp for sp in spans if sp.end == start and sp.start >= stop and len(sp.text) > 1),
                          None)) is not None:
        start = before.start  # a country or body the model names before the organization: 菲律宾 + 国防部长
    named = any(sp.start == start for sp in spans) and start < match.start()
    full = text[start : match.start()]
    full = full[: -len(tenure[0])] if (tenure := re.search(r"(?:新任|现任|时任|候任)$", full)) else full
    return PostHit(full + match.group(0), match.group(0), org, start, named)


def _inherit(post: PostHit, model: PostHit) -> PostHit:
    """A bare title in a list of posts takes the organization of the post before it."""
    base = model.full_title[: len(model.full_title) - len(model.title)]
    org = model.org
    if base.endswith("委") and post.title.endswith(_GOV_TITLES):
        base = base[:-1]  # 上海市委常委、副市长 → 上海市副市长, an office of the city government
        org = lookup_organization(base + "人民政府")
    return PostHit(base + post.title, post.title, org, post.start)


def find_people(text: str, orgs: list[OrgHit], persons: dict | None = None, spans: tuple = (),
                not_names: frozenset[int] = frozenset()) -> list[PersonHit]:
    """persons: the model's person names by where they start (articles.ingest.ner.people);
    spans: its organizations and places, which may stand before a title (法国总统);
    not_names: where it reads a word that cannot start a name."""
    persons = persons or {}
    found = _find_people(text, orgs, persons, spans, not_names)
    found += _titles_after_names(text, persons, {p.start for p in found})
    return found + _sharing_posts(text, found, persons)


def _titles_after_names(text: str, persons: dict, known: set[int]) -> list[PersonHit]:
    hits = []
    for start, span in persons.items():
        if start in known:
            continue
        m = _AFTER_TITLES.match(text, span.end)
        if m:
            post = PostHit(m.group(0), m.group(0), None, span.end)
            hits.append(PersonHit(span.text, span.start, span.end, (post,), "official"))
    return hits


def _sharing_posts(text: str, found: list[PersonHit], persons: dict) -> list[PersonHit]:
    """国务院副总理丁薛祥、张国清: the names after the first share its posts."""
    extra = []
    for hit in found:
        if hit.role != "official":
            continue
        pos = hit.end
        while pos < len(text) and text[pos] == "、" and (span := persons.get(pos + 1)) is not None:
            if _TITLE_RE.match(text, span.end) is not None:
                break  # 、X部长Y: the next name has posts of its own
            extra.append(PersonHit(span.text, span.start, span.end, hit.posts, "official"))
            pos = span.end
    return extra


def _find_people(text: str, orgs: list[OrgHit], persons: dict, spans: tuple,
                 not_names: frozenset[int]) -> list[PersonHit]:
    titles = {m.end(): m for m in _TITLE_RE.finditer(text)}
    found: list[PersonHit] = []
    for end, match in titles.items():
        name = name_at(text, end, persons, not_names)
        if name is None:
            continue
        chain = [_post(text, match, orgs, spans)]
        # 科技部党组书记、部长X · 商务部副部长兼国际贸易谈判副代表X: posts joined by 、 or 兼
        while chain[0].start > 0 and text[chain[0].start - 1] in "、兼" and chain[0].start - 1 in titles:
            chain.insert(0, _post(text, titles[chain[0].start - 1], orgs, spans))
        posts = []
        for i, post in enumerate(chain):
            if post.full_title == post.title and i > 0:
                post = _inherit(post, posts[i - 1])
            posts.append(post)
        official = [p for p in posts if _is_public_office(p)]
        if official:
            found.append(PersonHit(name, end, end + len(name), tuple(official), "official"))
        else:
            role = OTHER_TITLES.get(posts[-1].title, "other")
            found.append(PersonHit(name, end, end + len(name), (), role))
    for match in _HOLDS.finditer(text):
        # 马晓峰现任教育部基础教育司司长: the post follows the name.
        title = _TITLE_RE.search(text, match.end())
        name = match["name"]
        if title and valid_name(name) and match.start() not in not_names \
                and _AFTER_NAME.match(text[title.end() :]) is not None:
            post = _post(text, title, orgs, spans)
            if post.start == match.end() and _is_public_office(post):
                found.append(PersonHit(name, match.start(), match.start() + len(name), (post,), "official"))
    for match in re.finditer(r"总书记", text):
        for length in (3, 2):
            name = text[match.start() - length : match.start()]
            if match.start() >= length and valid_name(name):
                post = PostHit("总书记", "总书记", None, match.start())
                found.append(PersonHit(name, match.start() - length, match.start(), (post,), "official"))
                break
    return found


def _is_public_office(post: PostHit) -> bool:
    if post.title in OTHER_TITLES:
        return False
    prefix = post.full_title[: len(post.full_title) - len(post.title)]
    if NOT_PUBLIC.search(prefix):
        return False  # 上海人工智能实验室主任, 某公司主任: not a public office
    if post.org is not None or post.title in SELF_EVIDENT or post.named_body:
        return True
    return bool(prefix) and bool(_PLACE.search(prefix) or _UNIT.match(prefix) or prefix in ("国家", "中央"))

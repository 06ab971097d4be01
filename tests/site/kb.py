"""A small, realistic knowledge base built with the ORM from the seed texts in fixtures/seeds.

Article bodies are cut verbatim from the seed files (layout line breaks included), so the
pages are tested on text as the loader will store it; mentions are found by their surface
in the text, the way the ingest pipeline records them. Used by the site tests and by
bench/pages.py until the seed loader exists.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from articles.models import (
    Article,
    ArticleKind,
    DocumentKind,
    Meeting,
    MeetingDocument,
    MeetingKind,
    MeetingParticipation,
    MeetingSeries,
    Mention,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    PolicyDocument,
    Post,
    Script,
    Source,
    SourceKind,
    Topic,
)

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
D = datetime.date


def seed_slice(prefix: str, first: str, last: str, *, after: str = "") -> str:
    """The seed text from the line containing `first` to the end of the line containing `last`."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    origin = text.index(after) if after else 0
    start = text.rfind("\n", 0, text.index(first, origin)) + 1
    end = text.find("\n", text.index(last, start) + len(last))
    return text[start: end if end >= 0 else len(text)].strip("\n")


@dataclass
class KB:
    sources: dict[str, Source] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    officials: dict[str, Official] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    documents: dict[str, PolicyDocument] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)


def mention(article: Article, surface: str, *, field: str = Mention.Field.BODY, **entity) -> int:
    """Record a mention at every place the surface occurs in the article's title or body."""
    text = article.title if field == Mention.Field.TITLE else article.body
    count = 0
    start = text.find(surface)
    while start >= 0:
        Mention.objects.create(article=article, field=field, start=start, end=start + len(surface),
                               surface=surface, **entity)
        count += 1
        start = text.find(surface, start + len(surface))
    assert count, f"{surface!r} not found in {article.title!r}"
    return count


def build() -> KB:
    kb = KB()
    src = kb.sources
    src["导报"] = Source.objects.create(name="中国高新技术产业导报", kind=SourceKind.NEWSPAPER)
    src["新华社"] = Source.objects.create(name="新华社", kind=SourceKind.AGENCY)
    src["央视"] = Source.objects.create(
        name="央视新闻客户端", kind=SourceKind.WEB, usual_script=Script.TRADITIONAL
    )

    t = kb.topics
    t["科技政策"] = Topic.objects.create(name="科技政策", slug="keji-zhengce", keywords=["科技工作会议"])
    t["创新中心"] = Topic.objects.create(
        name="国际科技创新中心", slug="chuangxin-zhongxin", parent=t["科技政策"],
        keywords=["国际科技创新中心"], description="北京（京津冀）、上海（长三角）、粤港澳大湾区国际科技创新中心建设",
    )
    t["产业创新"] = Topic.objects.create(name="产业创新", slug="chanye-chuangxin")
    t["新质生产力"] = Topic.objects.create(name="新质生产力", slug="新质生产力", parent=t["产业创新"])
    t["绿色制造"] = Topic.objects.create(name="绿色制造", slug="lvse-zhizao", parent=t["产业创新"])
    t["中小企业"] = Topic.objects.create(name="中小企业", slug="zhongxiao-qiye", parent=t["产业创新"])
    t["基础研究"] = Topic.objects.create(name="基础研究", slug="jichu-yanjiu")

    o = kb.orgs
    for key, name, aliases in [
        ("政治局", "中共中央政治局", []),
        ("科技委", "中央科技委员会", ["中央科技委"]),
        ("科技部", "科学技术部", ["科技部"]),
        ("工信部", "工业和信息化部", ["工信部"]),
        ("发改委", "国家发展和改革委员会", ["国家发展改革委"]),
        ("生态环境部", "生态环境部", []),
        ("国资委", "国务院国有资产监督管理委员会", ["国务院国资委"]),
        ("能源局", "国家能源局", []),
        ("中科院", "中国科学院", []),
        ("自然资源部", "自然资源部", []),
        ("住建部", "住房和城乡建设部", ["住房城乡建设部"]),
    ]:
        o[key] = Organization.objects.create(name=name)
        for alias in aliases:
            OrganizationAlias.objects.create(organization=o[key], name=alias)
    o["能源局"].parent = o["发改委"]
    o["能源局"].save()

    p = kb.officials
    p["丁薛祥"] = Official.objects.create(name="丁薛祥")
    p["阴和俊"] = Official.objects.create(name="阴和俊")
    OfficialAlias.objects.create(official=p["阴和俊"], name="陰和俊")
    p["习近平"] = Official.objects.create(name="习近平")
    OfficialAlias.objects.create(official=p["习近平"], name="習近平")
    p["谢海霞"] = Official.objects.create(name="谢海霞")

    m = kb.meetings
    work = MeetingSeries.objects.create(name="全国科技工作会议", kind=MeetingKind.WORK_CONFERENCE)
    m["2025"] = Meeting.objects.create(
        series=work, start_date=D(2025, 1, 13), place="北京",
        summary="丁薛祥出席会议并讲话，部署2025年科技工作。",
    )
    m["2025全体"] = Meeting.objects.create(
        series=work, name="全国科技工作会议第二次全体会议", start_date=D(2025, 1, 14), place="北京",
        summary="科技部党组书记、部长阴和俊作工作报告，研究部署2025年重点任务。",
    )
    m["2026"] = Meeting.objects.create(
        series=work, start_date=D(2026, 1, 26), end_date=D(2026, 1, 27), place="北京",
        summary="丁薛祥出席会议并讲话；部署高水平推进三大国际科技创新中心建设。",
    )
    economic = MeetingSeries.objects.create(name="中央经济工作会议", kind=MeetingKind.WORK_CONFERENCE)
    m["经济"] = Meeting.objects.create(
        series=economic, start_date=D(2025, 12, 10), end_date=D(2025, 12, 11), place="北京",
        summary="提出建设北京（京津冀）、上海（长三角）、粤港澳大湾区国际科技创新中心。",
    )
    study = MeetingSeries.objects.create(name="中共中央政治局集体学习", kind=MeetingKind.STUDY_SESSION)
    m["学习"] = Meeting.objects.create(
        series=study, name="中共中央政治局第二十四次集体学习", start_date=D(2026, 1, 30),
        summary="就前瞻布局和发展未来产业进行集体学习。",
    )
    press = MeetingSeries.objects.create(name="自然资源部例行新闻发布会", kind=MeetingKind.PRESS_CONFERENCE)
    m["发布会"] = Meeting.objects.create(series=press, start_date=D(2026, 1, 20), place="北京")
    for meeting, official, role in [
        (m["2025"], p["丁薛祥"], MeetingParticipation.Role.SPOKE),
        (m["2025全体"], p["阴和俊"], MeetingParticipation.Role.REPORTED),
        (m["2026"], p["丁薛祥"], MeetingParticipation.Role.SPOKE),
        (m["2026"], p["阴和俊"], MeetingParticipation.Role.ATTENDED),
        (m["学习"], p["习近平"], MeetingParticipation.Role.CHAIRED),
        (m["发布会"], p["谢海霞"], MeetingParticipation.Role.SPOKE),
    ]:
        MeetingParticipation.objects.create(meeting=meeting, official=official, role=role)

    d = kb.documents
    d["零碳"] = PolicyDocument.objects.create(
        title="关于开展零碳工厂建设工作的指导意见", short_title="指导意见",
        doc_number="工信部联节〔2026〕13号", kind=DocumentKind.OPINION,
    )
    d["零碳"].issuers.set([o["工信部"], o["发改委"], o["生态环境部"], o["国资委"], o["能源局"]])
    d["梯度"] = PolicyDocument.objects.create(
        title="优质中小企业梯度培育管理办法", kind=DocumentKind.MEASURES,
    )
    d["梯度"].issuers.set([o["工信部"]])
    d["城市更新"] = PolicyDocument.objects.create(
        title="关于进一步支持城市更新行动若干措施的通知", kind=DocumentKind.NOTICE, issued_on=D(2026, 1, 20),
    )
    d["城市更新"].issuers.set([o["自然资源部"], o["住建部"]])
    MeetingDocument.objects.create(meeting=m["发布会"], document=d["城市更新"],
                                   relation=MeetingDocument.Relation.RELEASED)
    d["科普法"] = PolicyDocument.objects.create(title="科学技术普及法", kind=DocumentKind.LAW)
    d["科技金融"] = PolicyDocument.objects.create(
        title="加快构建科技金融体系有力支撑高水平科技自立自强的若干政策举措",
        kind=DocumentKind.MEASURES_LIST, issued_on=D(2025, 5, 14),
    )
    d["科技金融"].issuers.set([o["科技部"]])

    _articles(kb)
    return kb


def _article(kb: KB, key: str, *, topics: list[str] = (), **fields) -> Article:
    article = Article.objects.create(**fields)
    article.topics.set([kb.topics[name] for name in topics])
    kb.articles[key] = article
    return article


def _articles(kb: KB) -> None:
    s, p, o, m, d = kb.sources, kb.officials, kb.orgs, kb.meetings, kb.documents

    a = _article(
        kb, "2025会议", topics=["科技政策"], title="全国科技工作会议在京召开", source=s["新华社"],
        published_on=D(2025, 1, 13), dateline_place="北京", dateline_date=D(2025, 1, 13), agency="新华社",
        body=seed_slice("001", "新华社北京1月13日电", "有关科技界代表参加会议。"),
        source_file="fixtures/seeds/001_5bf22158df2817fe.txt", line_start=5, line_end=110,
    )
    mention(a, "丁薛祥", official=p["丁薛祥"])
    mention(a, "全国科技工作会议", field=Mention.Field.TITLE, meeting=m["2025"])

    a = _article(
        kb, "2025全体", topics=["科技政策"], title="全国科技工作会议第二次全体会议在京举行",
        source=s["导报"], published_on=D(2025, 1, 15), reporters=["张伟"], page="1版",
        body=seed_slice("001", "本报讯（记者张伟）", "国际大科学计划。"),
    )
    mention(a, "阴和俊", official=p["阴和俊"])
    mention(a, "全国科技工作会议第二次全体会议", meeting=m["2025全体"])
    mention(a, "科学技术普及法", document=d["科普法"])

    a = _article(
        kb, "2026会议", topics=["科技政策", "创新中心"], title="全国科技工作会议在京召开",
        subtitle="丁薛祥出席会议并讲话", source=s["导报"], published_on=D(2026, 2, 2), page="1版",
        dateline_place="北京", dateline_date=D(2026, 1, 26), agency="新华社", editor="王晓",
        body=seed_slice("000", "新华社北京1月26日电", "有关科技界代表参加会议。"),
        source_file="fixtures/seeds/000_b8c2b6b6d4843060.txt", line_start=11, line_end=31,
    )
    mention(a, "丁薛祥", official=p["丁薛祥"])
    mention(a, "全国科技工作会议", meeting=m["2026"])
    mention(a, "全国科技工作会议", field=Mention.Field.TITLE, meeting=m["2026"])
    mention(a, "中央科技委员会", organization=o["科技委"])

    a = _article(
        kb, "三大中心", topics=["创新中心"], title="我国高水平推进三大国际科技创新中心建设",
        source=s["新华社"], published_on=D(2026, 1, 27), reporters=["温竞华"],
        dateline_place="北京", dateline_date=D(2026, 1, 27), agency="新华社",
        body=seed_slice("000", "新华社北京1月27日电", "营造具有全球竞争力的开放创新生态等。"),
    )
    mention(a, "阴和俊", official=p["阴和俊"])
    mention(a, "全国科技工作会议", meeting=m["2026"])

    a = _article(
        kb, "磁体", topics=["基础研究"], title="我国全超导用户磁体刷新纪录", kind=ArticleKind.CAPTION,
        source=s["导报"], published_on=D(2026, 2, 2), photographers=["金立旺"], page="1版",
        body=seed_slice("000", "左图：", "刷新了全超导用户磁体的现有纪录。"),
    )
    mention(a, "中国科学院", organization=o["中科院"])

    a = _article(
        kb, "访谈", topics=["创新中心", "新质生产力"], title="坚持创新驱动 引领发展新质生产力",
        kicker="访科技部党组书记、部长阴和俊", kind=ArticleKind.INTERVIEW, source=s["导报"],
        published_on=D(2026, 1, 12), credited_source="来源：新华社",
        body=seed_slice("002", "中国式现代化要靠科技现代化作支撑", "共同做好科技金融大"),
    )
    mention(a, "科技部", organization=o["科技部"])
    mention(a, "中央经济工作会议", meeting=m["经济"])
    mention(a, "加快构建科技金融体系有力支撑高水平科技自立自强的若干政策举措", document=d["科技金融"])

    a = _article(
        kb, "零碳", topics=["绿色制造"], title="五部门联合发文推进零碳工厂建设", source=s["导报"],
        published_on=D(2026, 1, 26), page="3版",
        body=seed_slice("002", "近日,工业和信息化部、国家发展改革委", "具有重要意义。"),
    )
    for key, surface in [("工信部", "工业和信息化部"), ("发改委", "国家发展改革委"), ("生态环境部", "生态环境部"),
                         ("国资委", "国务院国资委"), ("能源局", "国家能源局")]:
        mention(a, surface, organization=o[key])
    mention(a, "关于开展零碳工厂建设工作的指导意见", document=d["零碳"])
    mention(a, "《指导意见》", document=d["零碳"])

    a = _article(
        kb, "梯度", topics=["中小企业"], title="科技型中小企业纳入梯度培育范围", source=s["导报"],
        published_on=D(2026, 1, 26), page="3版",
        body=seed_slice("002", "工业和信息化部日前修订发布", "支持中小企业专精特新发展"),
    )
    mention(a, "工业和信息化部", organization=o["工信部"])
    mention(a, "优质中小企业梯度培育管理办法", document=d["梯度"])

    a = _article(
        kb, "城市更新", title="两部门推出城市更新行动“新政”", source=s["导报"], published_on=D(2026, 1, 26),
        page="3版", body=seed_slice("002", "为进一步支持城市更新行动", "今年将把城市体检拓展"),
    )
    mention(a, "谢海霞", official=p["谢海霞"])
    mention(a, "关于进一步支持城市更新行动若干措施的通知", document=d["城市更新"])
    mention(a, "自然资源部1月20日召开例行新闻发布会", meeting=m["发布会"])

    a = _article(
        kb, "繁体", topics=["创新中心", "新质生产力"],
        title="時政微觀察丨從開局之年首次地方考察,讀懂“科技自立自強”的深意", kind=ArticleKind.FEATURE,
        script=Script.TRADITIONAL, source=s["央视"], published_on=D(2026, 2, 10), editor="楊磊",
        body=seed_slice("003", "2月9日,“十五五”開局之年首次地方考察", "中國式現代化的科技支"),
    )
    mention(a, "習近平", official=p["习近平"])
    mention(a, "第二十四次集體學習", meeting=m["学习"])

    for official, title, full_title, org, first, last, keys in [
        ("丁薛祥", "常委", "中共中央政治局常委", "政治局", D(2025, 1, 13), D(2026, 1, 26), ["2025会议", "2026会议"]),
        ("丁薛祥", "主任", "中央科技委员会主任", "科技委", D(2025, 1, 13), D(2026, 1, 26), ["2025会议", "2026会议"]),
        ("阴和俊", "党组书记", "科技部党组书记", "科技部", D(2025, 1, 14), D(2026, 1, 12), ["2025全体", "访谈"]),
        ("阴和俊", "部长", "科技部部长", "科技部", D(2025, 1, 14), D(2026, 1, 27), ["2025全体", "访谈", "三大中心"]),
        ("谢海霞", "局长", "自然资源部国土空间规划局局长", "自然资源部", D(2026, 1, 20), D(2026, 1, 20), ["城市更新"]),
    ]:
        post = Post.objects.create(
            official=p[official], title=title, full_title=full_title, organization=o[org],
            first_seen=first, last_seen=last,
        )
        post.articles.set([kb.articles[k] for k in keys])

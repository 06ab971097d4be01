from datetime import date

from articles.ingest.model import PartialDate


def _official(doc, name):
    return next(o for o in doc.officials if o.name == name)


def test_an_official_listed_with_two_posts_gets_both(seed):
    posts = [p.full_title for p in _official(seed("000"), "丁薛祥").posts]
    assert posts == ["中共中央政治局常委", "中央科技委员会主任"]


def test_a_bare_title_after_a_comma_takes_the_organization_before_it(seed):
    posts = _official(seed("002"), "阴和俊").posts
    assert [(p.full_title, p.title, p.organization) for p in posts] == [
        ("科技部党组书记", "党组书记", "科学技术部"),
        ("科技部部长", "部长", "科学技术部"),
    ]


def test_a_city_committee_member_who_is_also_vice_mayor_holds_a_government_post(seed):
    posts = _official(seed("004"), "陈杰").posts
    assert [(p.full_title, p.organization) for p in posts] == [
        ("上海市委常委", "中共上海市委员会"), ("上海市副市长", "上海市人民政府"),
    ]


def test_a_post_stated_after_the_name_is_found(page):
    posts = [p.full_title for p in _official(page("rmrb_style_page.gbk.txt"), "马晓峰").posts]
    assert posts == ["教育部基础教育司司长"]


def test_researchers_reporters_and_photographers_are_people_not_officials(seed):
    doc = seed("000")
    names = {o.name for o in doc.officials}
    assert names == {"丁薛祥", "阴和俊"}
    roles = {p.name: p.role for p in doc.people}
    assert roles["李岗"] == "researcher" and roles["刘建华"] == "researcher"
    assert roles["温竞华"] == "reporter" and roles["金立旺"] == "photographer"


def test_a_name_without_any_post_is_not_made_an_official(seed):
    assert "李强" not in {o.name for o in seed("002").officials}
    assert "潘功胜" not in {o.name for o in seed("004").officials}


def test_two_sessions_of_the_work_conference_belong_to_one_series(seed):
    sessions = [m for doc in (seed("000"), seed("001")) for m in doc.meetings if m.series == "全国科技工作会议"]
    assert sorted(m.date.iso() for m in sessions) == ["2025-01-13", "2026-01-26"]


def test_the_second_plenary_sitting_belongs_to_the_session_that_opened_the_day_before(seed):
    (session,) = [m for m in seed("001").meetings if m.series == "全国科技工作会议"]
    assert session.date == PartialDate(2025, 1, 13) and session.end_date == date(2025, 1, 14)
    assert session.articles == (0, 1)


def test_a_study_session_is_dated_from_this_year_of_the_article(seed):
    (study,) = [m for m in seed("003").meetings if m.kind == "study_session"]
    assert (study.name, study.date) == ("中共中央政治局第二十四次集体学习", PartialDate(2026, 1, 30))


def test_a_target_year_in_the_same_sentence_does_not_date_a_meeting(seed):
    (congress,) = [m for m in seed("001").meetings if m.series == "全国科技大会"]
    assert congress.date == PartialDate(2024, 6, 24)


def test_a_press_conference_is_named_after_its_organizer(seed):
    (press,) = [m for m in seed("002").meetings if m.kind == "press_conference"]
    assert (press.series, press.date) == ("自然资源部新闻发布会", PartialDate(2026, 1, 20))


def test_a_document_number_is_normalised_to_hexagonal_brackets(seed, page):
    docs = {d.title: d for d in seed("002").documents}
    assert docs["关于开展零碳工厂建设工作的指导意见"].doc_number == "工信部联节〔2026〕13号"
    assert docs["关于开展零碳工厂建设工作的指导意见"].short_title == "指导意见"
    rmrb = {d.title: d for d in page("rmrb_style_page.gbk.txt").documents}
    assert rmrb["关于加强知识产权全链条保护的意见"].doc_number == "国知发保字〔2026〕1号"


def test_issuers_are_the_bodies_the_sentence_says_issued_it(seed):
    docs = {d.title: d for d in seed("002").documents}
    assert docs["国家农业现代化示范区创建工作实施方案"].issuers == ("农业农村部", "财政部", "国家发展和改革委员会")
    assert docs["加快构建科技金融体系有力支撑高水平科技自立自强的若干政策举措"].issued == PartialDate(2025, 5)
    assert docs["优质中小企业梯度培育管理办法"].effective_on == date(2026, 4, 1)


def test_a_short_title_refers_back_instead_of_making_a_new_document(seed):
    titles = [d.title for d in seed("002").documents]
    assert "方案" not in titles and "指导意见" not in titles and len(titles) == 5


def test_not_everything_in_book_title_marks_is_a_document(seed):
    assert seed("003").documents == ()
    titles = {d.title for d in seed("004").documents}
    assert "中国智·惠世界(2026)" not in titles
    assert {"国家自然科学基金条例", "“人工智能+”行动方案"} <= titles


def test_laws_and_regulations_are_documents(seed):
    kinds = {d.title: d.kind for d in seed("001").documents}
    assert kinds == {"科学技术普及法": "法", "国家科学技术奖励条例": "条例", "国家自然科学基金条例": "条例",
                     "国际科技合作倡议": "倡议"}


def test_a_meeting_is_linked_to_the_document_it_released(seed):
    (press,) = [m for m in seed("002").meetings if m.kind == "press_conference"]
    assert press.documents == (("关于进一步支持城市更新行动若干措施的通知", "released"),)
    (waic,) = [m for m in seed("004").meetings if m.series == "世界人工智能大会"]
    assert waic.documents == (("人工智能合作发展行动计划", "released"),)


def test_a_report_of_past_work_does_not_link_the_meeting_to_documents(seed):
    assert all(m.documents == () for m in seed("001").meetings)


def test_organization_aliases_resolve_to_one_body(seed):
    orgs = {o.name: o for o in seed("004").organizations}
    assert set(orgs["中国人民银行"].seen_as) == {"央行", "人民银行"}
    assert "人民银行" in orgs["中国人民银行"].aliases and "央行" in orgs["中国人民银行"].aliases


def test_a_department_in_general_is_not_the_ministry(seed):
    body = seed("002").items[2].body
    assert "财政部门" in body
    spans = [(m.start, m.end) for m in seed("002").items[2].mentions if m.key == "财政部"]
    assert all(body[s:e] == "财政部" and body[e] != "门" for s, e in spans)


def test_every_mention_span_points_at_its_surface_text(seed, page):
    docs = [seed(n) for n in ("000", "001", "002", "003", "004")] + [page("hk_press_release.big5.txt")]
    for doc in docs:
        for article in doc.items:
            for mention in article.mentions:
                text = article.title if mention.field == "title" else article.body
                assert text[mention.start : mention.end] == mention.surface


def test_traditional_text_is_read_on_a_simplified_view_with_original_spans(seed):
    (article,) = seed("003").items
    xi = [m for m in article.mentions if m.entity == "official"]
    assert xi and {m.surface for m in xi} == {"習近平"}
    assert _official(seed("003"), "习近平").spellings == ("習近平",)


def test_topics_come_from_the_taxonomy(seed):
    items = {a.title: a for a in seed("002").items}
    assert "绿色低碳" in items["五部门联合发文推进零碳工厂建设"].topics
    assert "科技金融" in items["坚持创新驱动 引领发展新质生产力"].topics
    gold = next(a for a in seed("004").items if a.title == "国央行连续20个月增持黄金")
    assert "金融与货币" in gold.topics


def test_officials_with_less_common_surnames_are_recognised():
    from articles.ingest.pipeline import parse_document

    text = "# 教育部部署新学期工作\n\n新华社北京2月20日电 教育部党组书记、部长怀进鹏20日表示，要加快建设教育强国，推动教育科技人才一体发展。\n"
    parsed = parse_document(text, filename="怀进鹏.txt")
    officials = {official.name: [post.full_title for post in official.posts] for official in parsed.officials}
    assert "怀进鹏" in officials
    assert "教育部部长" in officials["怀进鹏"]


def test_a_markdown_heading_titles_the_story_its_dateline_opens():
    from articles.ingest.pipeline import parse_document

    text = "# 教育部部署新学期工作\n\n新华社北京2月20日电 教育部党组书记、部长怀进鹏20日表示，要加快建设教育强国。\n\n会议要求，推动教育科技人才一体发展。\n"
    [item] = parse_document(text, filename="教育部.txt").items
    assert item.title == "教育部部署新学期工作"
    assert item.body.startswith("新华社北京2月20日电")
    assert item.agency == "新华社" and item.dateline_place == "北京"

"""textkit.analysis: fixed input/output pairs on real text."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.search.conftest import seed_text
from textkit import analysis
from textkit.analysis import Token

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # OpenCC t2s, including the HK/JP form 産 used by the traditional seed
        ("時政微觀察", "时政微观察"),
        ("新質生産力", "新质生产力"),
        ("陰和俊", "阴和俊"),
        # cross-strait vocabulary OpenCC leaves alone
        ("智慧硬體", "智能硬件"),
        ("軟體與硬體", "软件与硬件"),
        ("高品質發展", "高质量发展"),
        ("高水準科技自立自強", "高水平科技自立自强"),
        ("大資料與資料庫", "大数据与数据库"),
        ("學習資料", "学习资料"),  # 资料 = materials is not data
        ("沿著總書記指引的方向", "沿着总书记指引的方向"),
        ("成就顯著", "成就显著"),  # 显著 (significant) keeps its 著
        # width, case and punctuation folding
        ("ＡＩ芯片６Ｇ通信", "ai芯片6g通信"),
        ("“科技金融”「新質」", '"科技金融""新质"'),
        ("科技、金融；創新！", "科技,金融;创新!"),
        # document numbers, whichever brackets are typed
        ("工信部联节[2026]13号", "工信部联节〔2026〕13号"),
        ("工信部联节【2026】13号", "工信部联节〔2026〕13号"),
        ("工信部联节［２０２６］１３号", "工信部联节〔2026〕13号"),
        ("國辦發〔2024〕 12 號", "国办发〔2024〕12号"),
        # mainland text is never rewritten
        ("以习近平同志为核心的党中央，文件，建立，程序", "以习近平同志为核心的党中央,文件,建立,程序"),
    ],
)
def test_normalize(text, expected):
    assert analysis.normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("工信部联节[2026]13号", "工信部联节〔2026〕13号"),
        ("依据国发（2025）5号和国办发【2024】12号文件", "依据国发〔2025〕5号和国办发〔2024〕12号文件"),
        ("（2026）年度报告", "（2026）年度报告"),  # a bracketed year alone is not a number
        ("ＡＢＣ[2026]", "ＡＢＣ[2026]"),
    ],
)
def test_normalize_doc_number(text, expected):
    assert analysis.normalize_doc_number(text) == expected


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("時政微觀察丨從開局之年首次地方考察", "traditional"),
        ("时政微观察丨从开局之年首次地方考察", "simplified"),
        ("中国科学院", "simplified"),  # no script-specific characters at all
    ],
)
def test_detect_script(text, script):
    assert analysis.detect_script(text) == script


def test_detect_script_on_the_seeds():
    scripts = [analysis.detect_script(seed_text(n)) for n in range(5)]
    assert scripts == ["simplified", "simplified", "simplified", "traditional", "simplified"]


def test_tokens_carry_offsets_into_the_original_traditional_text():
    text = "習近平總書記來到位於北京亦莊的國家信創園"
    tokens = analysis.tokenize(text)
    spans = {(t.text, text[t.start : t.end]) for t in tokens}
    assert ("习近平", "習近平") in spans
    assert ("总书记", "總書記") in spans
    assert ("亦庄", "亦莊") in spans
    assert ("国家信创园", "國家信創園") in spans


def test_offsets_survive_length_changing_normalisation():
    # 記憶體 (3 characters) becomes 内存 (2); ﬁ (1) becomes fi (2).
    text = "記憶體與ﬁber"
    tokens = {t.text: (t.start, t.end) for t in analysis.tokenize(text)}
    assert tokens["内存"] == (0, 3)
    assert tokens["fiber"] == (4, 8)
    assert text[slice(*tokens["fiber"])] == "ﬁber"


def test_full_width_text_keeps_its_offsets():
    text = "ＡＩ芯片，６Ｇ通信"
    tokens = analysis.tokenize(text)
    assert Token("ai", 0, 2) in tokens
    assert Token("6g", 5, 7) in tokens
    assert Token("通信", 7, 9) in tokens


def test_search_mode_emits_words_inside_longer_words():
    texts = {t.text for t in analysis.tokenize("中华人民共和国科学技术部")}
    assert {"中华", "人民", "共和国", "科学", "技术"} <= texts


def test_document_numbers_are_whole_tokens_too():
    text = "工业和信息化部等部门印发工信部联节[2026]13号文件"
    whole = [t for t in analysis.tokenize(text) if t.text == "工信部联节〔2026〕13号"]
    assert len(whole) == 1
    assert text[whole[0].start : whole[0].end] == "工信部联节[2026]13号"


def test_domain_terms_are_single_tokens():
    texts = [t.text for t in analysis.tokenize("加快构建科技金融体制，更好引领新质生产力发展，丁薛祥强调")]
    assert "科技金融" in texts
    assert "新质生产力" in texts
    assert "丁薛祥" in texts


def test_add_domain_words_teaches_jieba_new_names():
    sentence = "宝钢研制的手撕钢产品"
    assert "手撕钢" not in [t.text for t in analysis.tokenize(sentence)]
    assert analysis.add_domain_words(["手撕鋼"]) == ["手撕钢"]  # learnt in matching form
    assert "手撕钢" in [t.text for t in analysis.tokenize(sentence)]
    assert analysis.add_domain_words(["手撕钢"]) == []


def test_analyze_query_normalises_and_splits_words():
    query = analysis.analyze_query("  陰和俊　科技金融政策 工信部联节[2026]13号 ")
    assert query.normalized == "阴和俊 科技金融政策 工信部联节〔2026〕13号"
    assert [w.text for w in query.words] == ["阴和俊", "科技金融政策", "工信部联节〔2026〕13号"]
    assert query.words[1].required == ("科技金融", "政策")
    assert "科技金融" in query.words[1].tokens
    # token offsets point into the query as typed
    first = query.tokens[0]
    assert (first.text, query.q[first.start : first.end]) == ("阴和俊", "陰和俊")


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("产业创新", "產業創新"), ("阴和俊", "陰和俊"), ("科技自立自强", "科技自立自強"), ("高质量发展", "高品質發展")],
)
def test_traditional_queries_analyse_like_their_simplified_form(simplified, traditional):
    assert analysis.analyze_query(traditional).words == analysis.analyze_query(simplified).words


def test_extract_keywords_of_the_interview():
    keywords = analysis.extract_keywords(seed_text(2), topk=10)
    assert len(keywords) == 10
    assert "科技创新" in keywords
    assert "国际科技创新中心" in keywords
    assert all(len(k) > 1 and not k.isdigit() for k in keywords)


def test_analysis_module_does_not_import_django():
    code = "import sys, textkit.analysis; sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_only_the_analysis_module_imports_jieba_or_opencc():
    offenders = []
    for path in ROOT.glob("**/*.py"):
        if any(part in {".venv", "var", "node_modules"} for part in path.parts) or path.name.startswith("."):
            continue
        # bench/ is measurement tooling, not the application: its Whoosh baseline must use
        # jieba's own analyzer and its corpus generator writes traditional text with OpenCC.
        if path == ROOT / "textkit" / "analysis.py" or {"tests", "bench"} & set(path.relative_to(ROOT).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in {"jieba", "opencc"} for name in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []

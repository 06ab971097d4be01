"""A synthetic corpus of N articles built from the seeds, for the benchmarks.

    .venv/bin/python -m bench.corpus --size 10000 --out var/bench/10000

Writes `entities.json` (sources, officials with posts, policy documents, meeting
sessions) and `articles.jsonl` (one article per line, the input format of
manage.py import_corpus) and `needles.json` (the planted needle terms and the
fingerprints of the articles that contain them). Deterministic: article i
depends only on (seed, i), so any size is a prefix-stable, reproducible corpus.

Realism, as BENCH-NOTES.md asks:
- sentences are the seeds' own (~300 after re-joining wrapped lines), recombined
  with Zipf-weighted popularity, so some skeletons are common and others rare;
- about a third of the nouns in each sentence are replaced by nouns drawn from
  jieba's 349k-word dictionary by frequency: the vocabulary has a long tail;
- dates 2015–2026 (more recent years denser), 12 sources, 15 topics, a pool of
  officials and of documents with numbers, each drawn with Zipf weights so a few
  are everywhere and most are rare; mentions carry exact character offsets;
- about 10% of the articles are converted to traditional script (OpenCC s2t);
- needle terms that occur nowhere else are planted at known frequencies, some
  inside longer words (substring recall), some in traditional articles.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import hashlib
import itertools
import json
import logging
import math
import random
import re
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from textkit.punctuation import CHINESE_SENTENCE_ENDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
TAXONOMY = ROOT / "fixtures" / "taxonomy.toml"
ORGANIZATIONS = ROOT / "fixtures" / "organizations.toml"
SEED = 20260206
TRADITIONAL_SHARE = 0.10
SUBSTITUTION = 0.35  # share of noun slots filled from the dictionary
FIRST_DAY = datetime.date(2015, 1, 1)
LAST_DAY = datetime.date(2026, 6, 30)

# name, kind, usual script, weight
SOURCES = [
    ("人民日报", "newspaper", 14), ("科技日报", "newspaper", 16), ("新华社", "agency", 18),
    ("光明日报", "newspaper", 8), ("经济日报", "newspaper", 8), ("中国科学报", "newspaper", 6),
    ("中国高新技术产业导报", "newspaper", 4), ("新华网", "web", 10), ("中国政府网", "government", 6),
    ("学习强国", "web", 4), ("香港文汇报", "newspaper", 3), ("央视新闻", "broadcast", 3),
]
KINDS = [("news", 70), ("feature", 14), ("interview", 5), ("notice", 8), ("caption", 3)]

# Needles: (term, occurrences per 100,000 articles, how it is planted). None of them occurs in
# the seeds or the dictionary; "compound" plants it inside a longer word.
NEEDLES = [
    ("青鸾九号", 1, "plain"),
    ("星衍量子芯", 3, "plain"),
    ("瀚海算力链", 10, "compound"),
    ("赤羽光刻胶", 30, "plain"),
    ("云岫数据港", 100, "compound"),
    ("镜湖氢能谷", 300, "plain"),
    ("玄圃工程", 1000, "compound"),
    ("澄霁智算网", 3000, "plain"),
]
NEEDLE_SENTENCES = [
    "会上还通报了{}的最新进展。",
    "据介绍，{}已进入全面建设阶段。",
    "业内人士认为，{}将为相关产业带来新的增长点。",
]
COMPOUND_SENTENCES = [
    "北京{}研究院有限公司当天举行揭牌仪式。",
    "首批{}示范项目签约落地。",
]

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = list(
    "建国志明华军伟勇杰涛斌超波辉刚强磊洋平鹏文晓海峰俊浩宇龙飞东亮林敏静丽娟霞燕玲芳"
    "红英秀兰春梅琳雪萍洁慧颖卫忠诚德新永光庆荣昌盛兴宏立毅锋宁安祥瑞钧铭"
)
SEED_OFFICIALS = ["丁薛祥", "阴和俊", "李强", "王志刚", "李乐成", "怀进鹏", "侯建国", "吴政隆", "陈吉宁", "潘功胜"]
POSTS = [
    ("部长", "科学技术部"), ("党组书记", "科学技术部"), ("副部长", "科学技术部"), ("部长", "工业和信息化部"),
    ("主任", "国家发展和改革委员会"), ("院长", "中国科学院"), ("局长", "国家知识产权局"),
    ("副主任", "中央科技委员会办公室"),
    ("主任", "中央科技委员会"), ("部长", "教育部"), ("行长", "中国人民银行"), ("副省长", ""), ("市长", ""),
]
DOC_ISSUERS = [
    ("国科发", "科学技术部"), ("国科发资", "科学技术部"), ("工信部联节", "工业和信息化部"), ("国办发", "国务院办公厅"),
    ("国发", "国务院"), ("发改高技", "国家发展和改革委员会"), ("财税", "财政部"), ("教技", "教育部"),
    ("银发", "中国人民银行"), ("国知发", "国家知识产权局"),
]
DOC_KINDS = [("意见", "指导意见"), ("通知", "通知"), ("办法", "管理办法"), ("方案", "实施方案"),
             ("计划", "行动计划"), ("规划", "发展规划"), ("举措", "若干措施")]
DOC_VERBS = ["加快推进", "进一步加强", "深入推进", "支持", "促进", "全面提升", "加快构建", "深化", "大力发展", "规范"]
MEETING_SERIES = [
    ("全国科技工作会议", "work_conference", 1), ("中央经济工作会议", "work_conference", 1),
    ("国务院常务会议", "other", 6), ("全国科学技术奖励大会", "congress", 1),
    ("中关村论坛", "symposium", 1), ("国家实验室建设推进会", "symposium", 2),
]
TITLE_TEMPLATES = [
    "{official}出席{meeting}并讲话", "{meeting}在京召开", "《{document}》印发", "解读《{document}》",
    "{clause}", "{clause}", "{clause}", "{clause}——{clause2}",
]


@dataclass(frozen=True)
class Skeleton:
    parts: tuple[tuple[str, str | None], ...]  # (text, POS class of a substitutable noun or None)


class Weighted:
    """random.choices over fixed weights, with O(log n) draws."""

    def __init__(self, items: list, weights: list[float]) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def zipf(n: int, s: float = 1.0) -> list[float]:
    return [1.0 / (rank + 1) ** s for rank in range(n)]


def seed_sentences() -> list[str]:
    """The seeds' sentences, with hard-wrapped lines re-joined into paragraphs."""
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for paragraph in re.split(r"\n\s*\n", text):
            joined = "".join(line.strip() for line in paragraph.splitlines())
            for sentence in re.findall(f"[^{CHINESE_SENTENCE_ENDS}]{{6,220}}[{CHINESE_SENTENCE_ENDS}]", joined):
                cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in sentence)
                if cjk >= 0.7 * len(sentence) and not re.search(r"[A-Za-z]{4,}|版|CN \d", sentence):
                    sentences.append(sentence.strip("　 "))
    return list(dict.fromkeys(sentences))


NOUN_CLASSES = {"n": "n", "nz": "n", "vn": "vn", "nt": "nt", "ns": "ns", "nr": None}


@cache
def skeletons() -> tuple[Skeleton, ...]:
    """POS-tagged seed sentences (cached under var/bench: jieba.posseg takes ~20 s to load)."""
    sentences = seed_sentences()
    digest = hashlib.sha256("\n".join(sentences).encode()).hexdigest()[:16]
    cache_file = ROOT / "var" / "bench" / f"skeletons-{digest}.json"
    if cache_file.exists():
        tagged = json.loads(cache_file.read_text(encoding="utf-8"))
    else:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        tagged = [[(pair.word, pair.flag) for pair in jieba.posseg.cut(sentence)] for sentence in sentences]
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(tagged, ensure_ascii=False), encoding="utf-8")
    return tuple(
        Skeleton(tuple((word, NOUN_CLASSES.get(flag) if len(word) >= 2 else None) for word, flag in parts))
        for parts in tagged
    )


@cache
def vocabulary() -> dict[str, Weighted]:
    """jieba's dictionary nouns by class, weighted by their corpus frequency."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, list[tuple[str, int]]] = {"n": [], "vn": [], "nt": [], "ns": []}
    needles = [n for n, _, _ in NEEDLES]
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, flag = line.split(" ")
        cls = NOUN_CLASSES.get(flag)
        if cls and 2 <= len(word) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
            if not any(word in n or n in word for n in needles):
                words[cls].append((word, int(freq)))
    return {cls: Weighted([w for w, _ in pairs], [f for _, f in pairs]) for cls, pairs in words.items()}


@cache
def topics() -> list[str]:
    import tomllib

    return [entry["name"] for entry in tomllib.loads(TAXONOMY.read_text(encoding="utf-8"))["topic"]]


@cache
def organization_names() -> list[str]:
    import tomllib

    return [e["name"] for e in tomllib.loads(ORGANIZATIONS.read_text(encoding="utf-8"))["organization"]]


@cache
def s2t():
    import opencc

    return opencc.OpenCC("s2t")


def entities(size: int) -> dict:
    """Sources, officials (with posts), documents and meetings for a corpus of `size` articles."""
    rng = random.Random(SEED)
    n_officials = max(200, size // 40)
    n_documents = max(100, size // 20)
    names = list(SEED_OFFICIALS)
    seen = set(names)
    while len(names) < n_officials:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if name not in seen:
            seen.add(name)
            names.append(name)
    provinces = ["北京", "上海", "广东", "江苏", "浙江", "四川", "湖北", "安徽", "山东", "陕西"]
    officials = []
    for name in names:
        title, org = rng.choice(POSTS)
        place = rng.choice(provinces) if not org else ""
        full_title = f"{org or place}{title}"
        officials.append({
            "name": name,
            "aliases": [s2t().convert(name)] if s2t().convert(name) != name else [],
            "posts": [{"title": title, "full_title": full_title, "organization": org}],
        })
    documents, numbers = [], set()
    vocab = vocabulary()
    # Serial numbers run to 180 per issuer and year (as most ministries' do) until a corpus needs
    # more documents than a third of those numbers: at 1M articles 50,000 documents would
    # otherwise never find enough distinct numbers. Up to 100k the draws are unchanged.
    years = range(2014, 2027)
    top = max(180, math.ceil(3 * n_documents / (len(DOC_ISSUERS) * len(years))))
    while len(documents) < n_documents:
        abbr, issuer = rng.choice(DOC_ISSUERS)
        year = rng.randint(years.start, years.stop - 1)
        number = f"{abbr}〔{year}〕{rng.randint(1, top)}号"
        if number in numbers:
            continue
        numbers.add(number)
        kind, suffix = rng.choice(DOC_KINDS)
        topic = vocab["n"].draw(rng) + vocab[rng.choice(("n", "vn"))].draw(rng)
        title = f"关于{rng.choice(DOC_VERBS)}{topic}的{suffix}"
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        documents.append({
            "title": title, "short_title": suffix if suffix not in ("通知",) else "", "doc_number": number,
            "kind": kind, "issuers": [issuer], "issued_on": f"{year}-{month:02d}-{day:02d}",
        })
    meetings = []
    for series, kind, per_year in MEETING_SERIES:
        for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
            days = sorted(rng.sample(range(1, 360), per_year))
            for n, offset in enumerate(days):
                day = datetime.date(year, 1, 1) + datetime.timedelta(days=offset)
                if day > LAST_DAY:
                    continue
                name = f"{series}（{year}年第{n + 1}次）" if per_year > 1 else ""
                meetings.append({"series": series, "kind": kind, "name": name, "start_date": day.isoformat()})
    return {
        "sources": [{"name": n, "kind": k} for n, k, _ in SOURCES],
        "officials": officials,
        "documents": documents,
        "meetings": meetings,
    }


class Generator:
    def __init__(self, size: int, ents: dict) -> None:
        self.size = size
        self.ents = ents
        self.skeletons = skeletons()
        order = list(range(len(self.skeletons)))
        random.Random(SEED + 1).shuffle(order)
        weights = zipf(len(order), 0.9)
        self.sentence = Weighted([self.skeletons[i] for i in order], weights)
        self.vocab = vocabulary()
        self.sources = Weighted([s for s, _, _ in SOURCES], [w for _, _, w in SOURCES])
        self.kinds = Weighted([k for k, _ in KINDS], [w for _, w in KINDS])
        self.topics = Weighted(topics(), zipf(len(topics()), 0.7))
        self.officials = Weighted(ents["officials"], zipf(len(ents["officials"]), 1.0))
        self.documents = Weighted(ents["documents"], zipf(len(ents["documents"]), 0.9))
        self.meetings = ents["meetings"]
        span = (LAST_DAY - FIRST_DAY).days
        self.days = Weighted(list(range(span + 1)), [1.0 + 2.0 * d / span for d in range(span + 1)])
        self.needles = self._place_needles()

    def _place_needles(self) -> dict[int, list[tuple[str, str]]]:
        rng = random.Random(SEED + 2)
        placed: dict[int, list[tuple[str, str]]] = {}
        for term, per_100k, how in NEEDLES:
            count = min(self.size, max(1, round(per_100k * self.size / 100_000)))
            for i in rng.sample(range(self.size), count):
                placed.setdefault(i, []).append((term, how))
        return placed

    def fill(self, rng: random.Random, skeleton: Skeleton) -> str:
        out = []
        for text, cls in skeleton.parts:
            if cls and rng.random() < SUBSTITUTION:
                out.append(self.vocab[cls].draw(rng))
            else:
                out.append(text)
        return "".join(out)

    def article(self, i: int) -> tuple[dict, list[str]]:
        rng = random.Random(f"{SEED}:{i}")
        day = FIRST_DAY + datetime.timedelta(days=self.days.draw(rng))
        source = self.sources.draw(rng)
        kind = self.kinds.draw(rng)
        traditional = rng.random() < TRADITIONAL_SHARE
        # pieces: (text, mention or None); mentions are located after conversion
        pieces: list[tuple[str, dict | None]] = []
        n_sentences = max(3, min(90, int(rng.lognormvariate(3.55, 0.5))))
        sentences = [self.fill(rng, self.sentence.draw(rng)) for _ in range(n_sentences)]
        officials = [self.officials.draw(rng) for _ in range(rng.choice((0, 1, 1, 2, 3)))]
        documents = [self.documents.draw(rng) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
        meeting = None
        if rng.random() < 0.25:
            near = [m for m in self.meetings if abs((datetime.date.fromisoformat(m["start_date"]) - day).days) < 60]
            meeting = rng.choice(near) if near else None
        inserts: list[list[tuple[str, dict | None]]] = []
        for official in officials:
            post = official["posts"][0]
            inserts.append([(post["full_title"], None),
                            (official["name"], {"entity": "official", "key": official["name"]}),
                            (rng.choice(["出席会议并讲话。", "强调，要加快推进科技创新和产业创新深度融合。",
                                         "在调研时指出，要强化企业科技创新主体地位。"]), None)])
        for doc in documents:
            inserts.append([("近日，", None), (doc["issuers"][0], None), ("印发《", None),
                            (doc["title"], {"entity": "document", "key": doc["doc_number"]}), ("》（", None),
                            (doc["doc_number"], None), ("），对相关工作作出部署。", None)])
        if meeting:
            label = meeting["name"] or meeting["series"]
            inserts.append([(label, {"entity": "meeting", "key": f"{meeting['series']}|{meeting['start_date']}"}),
                            (rng.choice(["在京召开。", "日前举行。"]), None)])
        planted = self.needles.get(i, [])
        for term, how in planted:
            template = rng.choice(COMPOUND_SENTENCES if how == "compound" else NEEDLE_SENTENCES)
            inserts.append([(template.format(term), None)])
        body_pieces: list[list[tuple[str, dict | None]]] = [[(s, None)] for s in sentences]
        for group in inserts:
            body_pieces.insert(rng.randint(0, len(body_pieces)), group)
        if source == "新华社":
            place = rng.choice(["北京", "上海", "深圳", "合肥", "武汉", "成都"])
            body_pieces.insert(0, [(f"新华社{place}{day.month}月{day.day}日电 ", None)])
        para_len = 0
        for group in body_pieces:
            if para_len and rng.random() < 0.3:
                pieces.append(("\n", None))
                para_len = 0
            pieces.extend(group)
            para_len += 1
        clause_source = sentences[0].split("，")[0].rstrip(CHINESE_SENTENCE_ENDS)[:28]
        clause2 = sentences[-1].split("，")[0].rstrip(CHINESE_SENTENCE_ENDS)[:20]
        template = rng.choice(TITLE_TEMPLATES)
        if ("{official}" in template and not officials) or ("{document}" in template and not documents) \
                or ("{meeting}" in template and not meeting):
            template = "{clause}"
        title = template.format(
            official=officials[0]["name"] if officials else "", document=documents[0]["title"] if documents else "",
            meeting=(meeting["name"] or meeting["series"]) if meeting else "", clause=clause_source, clause2=clause2,
        )
        convert = s2t().convert if traditional else (lambda text: text)
        body, mentions, offset = [], [], 0
        for text, mention in pieces:
            text = convert(text)
            if mention:
                mentions.append({**mention, "field": "body", "start": offset, "end": offset + len(text),
                                 "surface": text})
            body.append(text)
            offset += len(text)
        body_text = "".join(body)
        title = convert(title)
        topic_names = sorted({self.topics.draw(rng) for _ in range(rng.choice((1, 1, 2, 3)))})
        fingerprint = hashlib.sha256(f"bench:{SEED}:{i}".encode()).hexdigest()[:32]
        record = {
            "fingerprint": fingerprint, "title": title, "body": body_text,
            "script": "traditional" if traditional else "simplified", "kind": kind, "source": source,
            "published_on": day.isoformat(), "page": f"{rng.choice('ABC')}{rng.randint(1, 16):02d}",
            "topics": topic_names, "mentions": mentions,
            "posts": [{"official": o["name"], "full_title": o["posts"][0]["full_title"]} for o in officials],
            "source_file": f"bench-corpus-{SEED}.jsonl", "line_start": i + 1, "line_end": i + 1,
        }
        return record, [term for term, _ in planted]


def generate(size: int, out: Path) -> dict:
    """Write the corpus files; returns the manifest (also written as manifest.json)."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ents = entities(size)
    (out / "entities.json").write_text(json.dumps(ents, ensure_ascii=False), encoding="utf-8")
    gen = Generator(size, ents)
    needles: dict[str, list[str]] = {term: [] for term, _, _ in NEEDLES}
    chars = traditional = 0
    tmp = out / "articles.jsonl.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(size):
            record, planted = gen.article(i)
            for term in planted:
                needles[term].append(record["fingerprint"])
            chars += len(record["body"]) + len(record["title"])
            traditional += record["script"] == "traditional"
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.rename(out / "articles.jsonl")
    manifest = {
        "size": size, "seed": SEED, "skeletons": len(gen.skeletons), "characters": chars,
        "mean_characters": round(chars / max(size, 1)), "traditional": traditional,
        "officials": len(ents["officials"]), "documents": len(ents["documents"]), "meetings": len(ents["meetings"]),
        "needles": {term: {"planted": len(fps), "per_100k": rate, "how": how, "fingerprints": fps}
                    for (term, rate, how), fps in zip(NEEDLES, needles.values(), strict=True)},
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    manifest = generate(args.size, args.out)
    print(json.dumps({k: v for k, v in manifest.items() if k != "needles"}, ensure_ascii=False))


if __name__ == "__main__":
    main()

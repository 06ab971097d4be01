"""Why textkit.analysis uses OpenCC t2s: measured on the seeds.

Measured (OpenCC 1.4.2): on the four mainland seeds t2s and hk2s change 0
characters, tw2s changes 3 (著 → 着 inside mainland 显著/卓著-style words) and
tw2sp 51 (phrase rewrites such as 核心→内核, 文件→文档). On the traditional
seed every configuration yields the same simplified characters, but none of
them turns 智慧硬體/高品質/高水準 into mainland wording: that is what
fixtures/cross_strait.toml is for.
"""

from __future__ import annotations

import pytest

from tests.search.conftest import seed_text
from textkit import analysis

MAINLAND_WORDS = ["核心", "文件", "建立", "程序"]
CONFIGS = ["t2s", "hk2s", "tw2s", "tw2sp"]


def changed_characters(config: str, text: str) -> int:
    converted = analysis.convert(text, config)
    assert len(converted) == len(text)
    return sum(a != b for a, b in zip(text, converted, strict=True))


def mainland_seeds() -> str:
    return "".join(seed_text(n) for n in (0, 1, 2, 4))


def test_measurement_on_mainland_words():
    measured = {config: [analysis.convert(w, config) for w in MAINLAND_WORDS] for config in CONFIGS}
    assert measured == {
        "t2s": ["核心", "文件", "建立", "程序"],
        "hk2s": ["核心", "文件", "建立", "程序"],
        "tw2s": ["核心", "文件", "建立", "程序"],
        "tw2sp": ["内核", "文档", "创建", "进程"],
    }


def test_measurement_on_mainland_seeds():
    measured = {config: changed_characters(config, mainland_seeds()) for config in CONFIGS}
    assert measured == {"t2s": 0, "hk2s": 0, "tw2s": 3, "tw2sp": 51}


def test_measurement_on_the_traditional_seed():
    traditional = seed_text(3)
    converted = {config: analysis.convert(traditional, config) for config in CONFIGS}
    assert converted["t2s"] == converted["hk2s"]
    for config in CONFIGS:
        assert "智能硬件" not in converted[config] or config == "tw2sp"
        assert "高品质发展" in converted[config]


def test_the_chosen_configuration_never_changes_mainland_text():
    assert analysis.OPENCC_CONFIG == "t2s"
    assert analysis.to_simplified(mainland_seeds()) == mainland_seeds()


@pytest.mark.parametrize(
    "phrase", ["智能硬件", "高质量发展", "高水平科技自立自强", "新质生产力", "沿着总书记指引的方向"]
)
def test_the_traditional_seed_is_found_with_mainland_vocabulary(phrase):
    assert phrase in analysis.normalize(seed_text(3))

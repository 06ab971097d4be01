"""Chinese numerals as written in dates (二〇二六年三月十二日, 二十六日)."""

from __future__ import annotations

DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
NUMERAL_CHARS = "".join(DIGITS) + "十"


def to_int(text: str) -> int | None:
    """Arabic or Chinese numerals up to 99, or a digit-by-digit year such as 二〇二六."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" not in text:
        if all(ch in DIGITS for ch in text):
            value = 0
            for ch in text:
                value = value * 10 + DIGITS[ch]
            return value
        return None
    tens, _, units = text.partition("十")
    if (tens and tens not in DIGITS) or (units and units not in DIGITS):
        return None
    return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[units] if units else 0)

"""Organizations named in a text, found with the reviewed alias table fixtures/organizations.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parents[2] / "fixtures" / "organizations.toml"
# "财政部门" and "科技部门" mean departments in general, not the ministry; 联合国内外, 联合国际
# and 联合国家重点实验室 are "jointly …", not the United Nations; 行政院校 is a school.
_NOT_AFTER = {"部": "门"}
_ALIAS_NOT_AFTER = {"联合国": "内际家企务", "行政院": "校"}
_COUNTRIES = (
    "美国|英国|法国|德国|日本|韩国|朝鲜|俄罗斯|印度|越南|菲律宾|泰国|新加坡|马来西亚|印度尼西亚|澳大利亚|加拿大|"
    "意大利|西班牙|巴西|墨西哥|南非|埃及|土耳其|伊朗|以色列|乌克兰|蒙古国|巴基斯坦|老挝|柬埔寨|缅甸|荷兰|瑞士|瑞典|"
    "挪威|芬兰|丹麦|波兰|比利时|奥地利|新西兰|阿根廷|沙特|阿联酋|古巴|欧盟"
)
# A body of another country by the name of a Chinese one (美国国务院, 日本财政部): not that body.
_FOREIGN_BEFORE = re.compile(rf"(?:{_COUNTRIES})的?$")
# 日本政府, 俄罗斯驻华使馆: another country's government and embassy, named by their pattern.
_FOREIGN_BODY = re.compile(rf"(?:{_COUNTRIES})(?:政府|驻华大使馆|驻华使馆)")
# 沈阳、北京、兰州……广州军区: the military regions (until 2016), listed with 、.
_REGION_LIST = re.compile(r"(?P<places>(?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3})军区")
# 北京市、天津市……甘肃省人民政府: a list of places sharing one organ names the organ of each.
_PLACE_LIST = re.compile(
    r"(?P<places>(?:[\u4e00-\u9fff]{1,8}?(?:省|市|自治区)、)+[\u4e00-\u9fff]{1,8}?(?:省|市|自治区))"
    r"(?P<organ>人民政府|党委|人大常委会|政协)"
)


@dataclass(frozen=True)
class OrgEntry:
    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None


@dataclass(frozen=True)
class OrgHit:
    start: int
    end: int
    name: str  # canonical
    parent: str | None = None  # for a body the table does not list: the listed body its name extends


@cache
def load_table(path: Path = TABLE) -> dict[str, OrgEntry]:
    with path.open("rb") as fh:
        rows = tomllib.load(fh)["organization"]
    table = {}
    for row in rows:
        entry = OrgEntry(row["name"], tuple(row.get("aliases", [])), row.get("kind", ""), row.get("parent"))
        table[entry.name] = entry
    return table


@cache
def _index(path: Path = TABLE) -> tuple[dict[str, str], tuple[int, ...]]:
    names: dict[str, str] = {}
    for entry in load_table(path).values():
        for alias in (entry.name, *entry.aliases):
            if alias in names and names[alias] != entry.name:
                raise ValueError(f"organizations.toml: {alias} names both {names[alias]} and {entry.name}")
            names[alias] = entry.name
    return names, tuple(sorted({len(a) for a in names}, reverse=True))


# Development-zone committees, a city's bureaus and customs districts are too many to list; their
# name is their identity: 中关村管委会, 中山市金融局, 上海海关所属洋山海关.
_ZONE_COMMITTEE = re.compile(
    r"[\u4e00-\u9fff]{2,10}?(?:开发区|高新区|新区|园区)管(?:理)?委(?:员)?会"
    r"|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}?[省市县](?!场|民|政府)[\u4e00-\u9fff]{2,6}?(?:局|厅|办事处)(?![长\u4e00-\u9fff])"
    r"|(?<=所属)[\u4e00-\u9fff]{2,3}海关"
)


def find_organizations(text: str) -> list[OrgHit]:
    """Longest-match scan of simplified text; spans index that text."""
    names, lengths = _index()
    hits: list[OrgHit] = [OrgHit(m.start(), m.end(), m.group(0)) for m in _ZONE_COMMITTEE.finditer(text)]
    zones = [(h.start, h.end) for h in hits]
    i = 0
    while i < len(text):
        zone = next((end for start, end in zones if start == i), None)
        if zone is not None:
            i = zone
            continue
        for length in lengths:
            alias = text[i : i + length]
            canonical = names.get(alias)
            after = text[i + length : i + length + 1]
            if canonical and _NOT_AFTER.get(alias[-1]) != after and after not in _ALIAS_NOT_AFTER.get(alias, "—") \
                    and not _FOREIGN_BEFORE.search(text, max(0, i - 6), i):
                hits.append(OrgHit(i, i + length, canonical))
                i += length
                break
        else:
            i += 1
    hits += _listed_places(text, names)
    hits += _military_regions(text) + _foreign_bodies(text, hits)
    return sorted(_with_departments(text, hits), key=lambda h: h.start)


# 农业农村部区域协作促进司负责人: a ministry's department, named after the ministry, where the text
# names someone's post in it (a department's name is read only up to the title that follows it).
_DEPARTMENT = re.compile(
    r"[\u4e00-\u9fff]{2,10}?(?:司|局)(?=负责人|司长|副司长|局长|副局长|主任|副主任|巡视员|一级巡视员|二级巡视员|处长)"
)


def _with_departments(text: str, hits: list[OrgHit]) -> list[OrgHit]:
    table = load_table()
    result = []
    for hit in hits:
        entry = table.get(hit.name)
        m = _DEPARTMENT.match(text, hit.end) if entry and entry.kind in ("state", "regulator") else None
        if m and not any(other.start < m.end() and hit.end <= other.start for other in hits if other is not hit):
            result.append(OrgHit(hit.start, m.end(), hit.name + m.group(0), hit.name))
        else:
            result.append(hit)
    return result


def _military_regions(text: str) -> list[OrgHit]:
    found = []
    for m in _REGION_LIST.finditer(text):
        pos = m.start()
        for place in m["places"].split("、"):
            found.append(OrgHit(pos, pos + len(place), place + "军区"))
            pos += len(place) + 1
    return found


def _foreign_bodies(text: str, hits: list[OrgHit]) -> list[OrgHit]:
    return [OrgHit(m.start(), m.end(), m.group(0)) for m in _FOREIGN_BODY.finditer(text)
            if not any(h.start < m.end() and m.start() < h.end for h in hits)]


def _listed_places(text: str, names: dict[str, str]) -> list[OrgHit]:
    hits = []
    for m in _PLACE_LIST.finditer(text):
        pos = m.start()
        for place in m["places"].split("、")[:-1]:  # the last place and its organ are found whole
            name = names.get(place + m["organ"])
            if name:
                hits.append(OrgHit(pos, pos + len(place), name))
            pos += len(place) + 1
    return hits


def lookup_organization(name: str) -> str | None:
    return _index()[0].get(name)


def longest_known_name(text: str, at: int) -> str | None:
    """The longest organization name or alias of the table starting at text[at]."""
    names, lengths = _index()
    return next((text[at : at + n] for n in lengths if text[at : at + n] in names), None)


# A name the model tags as an organization, not in the table, is taken as a public body only
# when its form says so: a listed body followed by one of its units (商务部 + 外国投资管理司), or
# a place followed by an organ of government (中关村 + 管委会, 台北市 + 政府).
_UNIT = re.compile(r"(?:司|局|处|室|办公室|厅|委员会|中心|研究所|研究院|分局|支队|总队|署|部|办|支行|分行|监管局|"
                   r"海关|科)$")
_ORGAN = re.compile(
    r"(?:人民政府|政府|管委会|管理委员会|人民法院|人民检察院|监察委员会|委员会|办公室|办公厅|人大常委会|政协|"
    r"党委|纪委|公安局|公安厅|教育局|教育厅|财政局|财政厅|科技局|科技厅|商务局|商务厅|发展和改革委员会|发改委|"
    r"议会|立法会|市政府|县政府|区政府|局|厅|办|办事处|党工委|工委|海关|委)$"
)
# Another country's organs: its government, ministries, parliament, embassy, parties' departments.
_COUNTRY_ORGAN = re.compile(r"(?:政府|部|议会|国会|使馆|大使馆|领事馆|总领事馆|委员会|中央|党)$")
_COUNTRY = re.compile(rf"^(?:{_COUNTRIES}|古共)")
_CUSTOMS = re.compile(r"^[\u4e00-\u9fff]{2,3}海关$")  # customs districts and their stations: 洋山海关
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:省|市|县|区|自治区|自治州|特别行政区|特区|镇|乡|新区|高新区|开发区)"
                    r"|^中关村")
NOT_PUBLIC = re.compile(
    r"公司|集团|企业|大学|学院|学校|中学|小学|医院|银行(?<!人民银行)(?!局|保险|业监督)|协会|学会|商会|基金会|联盟|交易所|俱乐部|"
    r"报社|电视台|出版社|工作室|事务所|律师|合作社|研究会|促进会|联合会|实验室|博物馆|纪念馆|图书馆|美术馆|展览馆"
)


def is_public_body(name: str, parent: str | None) -> bool:
    if not 4 <= len(name) <= 30 or NOT_PUBLIC.search(name):
        return False
    if parent is not None:
        return bool(_UNIT.search(name))
    if _COUNTRY.match(name) and _COUNTRY_ORGAN.search(name):
        return True
    return bool(_PLACE.match(name) and _ORGAN.search(name)) or bool(_CUSTOMS.match(name))


def merge_model_organizations(text: str, hits: list[OrgHit], spans) -> list[OrgHit]:
    """The table's hits completed by the model's: a longer name the table does not list wins
    over the listed name inside it (商务部外国投资管理司, not 商务部); a listed name keeps its
    canonical form; a partial overlap keeps the table's reading."""
    result = list(hits)
    for span in spans:
        inside = [h for h in result if span.start <= h.start and h.end <= span.end]
        crossing = [h for h in result if h not in inside and h.start < span.end and span.start < h.end]
        if crossing:
            continue
        canonical = lookup_organization(span.text)
        if canonical is not None:
            if not inside:
                result.append(OrgHit(span.start, span.end, canonical))
            continue
        parent = inside[0].name if inside and inside[0].start == span.start else None
        if not is_public_body(span.text, parent):
            continue
        # A unit is named after its body's full name: 工信部信息通信管理局 → 工业和信息化部信息通信管理局.
        name = parent + text[inside[0].end : span.end] if parent else span.text
        result = [h for h in result if h not in inside]
        result.append(OrgHit(span.start, span.end, name, parent))
    return sorted(result, key=lambda h: h.start)

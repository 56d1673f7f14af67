"""The 47 prefectures by JIS X 0401 code, with 2020 census population (thousands) used to weight demo data."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, NamedTuple

PREFECTURES: Final[dict[str, str]] = {
    "01": "北海道", "02": "青森県", "03": "岩手県", "04": "宮城県", "05": "秋田県", "06": "山形県",
    "07": "福島県", "08": "茨城県", "09": "栃木県", "10": "群馬県", "11": "埼玉県", "12": "千葉県",
    "13": "東京都", "14": "神奈川県", "15": "新潟県", "16": "富山県", "17": "石川県", "18": "福井県",
    "19": "山梨県", "20": "長野県", "21": "岐阜県", "22": "静岡県", "23": "愛知県", "24": "三重県",
    "25": "滋賀県", "26": "京都府", "27": "大阪府", "28": "兵庫県", "29": "奈良県", "30": "和歌山県",
    "31": "鳥取県", "32": "島根県", "33": "岡山県", "34": "広島県", "35": "山口県", "36": "徳島県",
    "37": "香川県", "38": "愛媛県", "39": "高知県", "40": "福岡県", "41": "佐賀県", "42": "長崎県",
    "43": "熊本県", "44": "大分県", "45": "宮崎県", "46": "鹿児島県", "47": "沖縄県",
}  # fmt: skip

POPULATION_THOUSANDS: Final[dict[str, int]] = {
    "01": 5225, "02": 1238, "03": 1211, "04": 2302, "05": 960, "06": 1068, "07": 1833, "08": 2867,
    "09": 1933, "10": 1939, "11": 7345, "12": 6284, "13": 14048, "14": 9237, "15": 2201, "16": 1035,
    "17": 1133, "18": 767, "19": 810, "20": 2048, "21": 1979, "22": 3633, "23": 7542, "24": 1770,
    "25": 1414, "26": 2578, "27": 8838, "28": 5465, "29": 1324, "30": 923, "31": 553, "32": 671,
    "33": 1888, "34": 2800, "35": 1342, "36": 720, "37": 950, "38": 1335, "39": 692, "40": 5135,
    "41": 811, "42": 1312, "43": 1738, "44": 1124, "45": 1070, "46": 1588, "47": 1467,
}  # fmt: skip

PREFECTURE_CHOICES: Final[list[tuple[str, str]]] = list(PREFECTURES.items())

# The six regions a 都道府県 list is grouped by on a phone (by_region's checkboxes), each a run of JIS codes.
REGIONS: Final[list[tuple[str, list[str]]]] = [
    ("北海道・東北", ["01", "02", "03", "04", "05", "06", "07"]),
    ("関東", ["08", "09", "10", "11", "12", "13", "14"]),
    ("中部", ["15", "16", "17", "18", "19", "20", "21", "22", "23"]),
    ("近畿", ["24", "25", "26", "27", "28", "29", "30"]),
    ("中国・四国", ["31", "32", "33", "34", "35", "36", "37", "38", "39"]),
    ("九州・沖縄", ["40", "41", "42", "43", "44", "45", "46", "47"]),
]


class RegionBoxes(NamedTuple):
    """One region of a 都道府県 checkbox list: its name, its boxes (code, name, ticked) and how many are ticked."""

    region: str
    boxes: list[tuple[str, str, bool]]
    ticked: int


def by_region(chosen: Iterable[str]) -> list[RegionBoxes]:
    """The 47 prefectures as checkboxes by region, `chosen` ticked (templates/includes/prefecture_regions.html: the
    search page, the profile and the hearing sheet). A multi-select wanted Ctrl / ⌘, which a phone has not; one flat
    list of 47 boxes was about 1,200 px at 390 px."""
    ticked = set(chosen)
    out = []
    for region, codes in REGIONS:
        boxes = [(code, PREFECTURES[code], code in ticked) for code in codes]
        out.append(RegionBoxes(region, boxes, sum(on for _, _, on in boxes)))
    return out


def prefecture_name(code: str) -> str:
    return PREFECTURES.get(code, "")


def _short_form(name: str) -> str:
    # Only the one suffix goes: rstrip("都府県") would read 京都府 as 「京」, too short to count, so 京都 was missed.
    return name[:-1] if name != "北海道" and name[-1] in "都府県" else name


# Every way a prefecture is written (full name, and the short form people use: 東京, 大阪, 京都), longest first so
# that the alternation takes 東京都 whole and never finds 「京都」 inside it.
_CODE_OF_FORM: Final[dict[str, str]] = {
    form: code for code, name in PREFECTURES.items() for form in (name, _short_form(name)) if len(form) >= 2
}
_FORMS_RE: Final = re.compile("|".join(sorted(_CODE_OF_FORM, key=len, reverse=True)))


def prefecture_code_in(text: str) -> str | None:
    """The JIS code of the first prefecture named in `text` (e.g. an address), or None.

    Also accepts the short forms people write (東京, 大阪, 京都).
    """
    m = _FORMS_RE.search(text)
    return _CODE_OF_FORM[m.group()] if m else None


def prefecture_codes_in(text: str) -> set[str]:
    """The JIS codes of every prefecture named in `text` (full or short form), e.g. {"26", "13"} for 京都府・東京都."""
    return {_CODE_OF_FORM[m.group()] for m in _FORMS_RE.finditer(text)}


def leading_prefecture(text: str) -> tuple[str, str] | None:
    """(JIS code, the rest) when `text` starts with a prefecture's name, full or short: 「東京都千代田区」 → ("13",
    "千代田区"), 「東京」 → ("13", ""); None otherwise. 「京都」 at the start of 「東京都」 is never read, as above."""
    m = _FORMS_RE.match(text)
    return (_CODE_OF_FORM[m.group()], text[m.end() :]) if m else None

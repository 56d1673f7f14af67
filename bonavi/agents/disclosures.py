"""掲示事項: what an agency shows at its office and online (docs/AGENTS.md §1.2–1.3) — 手数料表 and the rate the
placement check reads, 返戻金制度, 違約金規約, 取扱職種の範囲等, 業務運営規程, 個人情報適正管理規程, 苦情の申出先 —
changed by the agency's 職業紹介責任者 on /agent/agency/ (ADR 0116). 許可番号 and the page's URL name stay with the
operators (the admin): they are checked against the licence when the agency is onboarded.

One definition of the fields (label, required, longest) for the form and the service; the service is the only
writer and decides.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from bonavi.core.clock import moment_ja
from bonavi.core.text import too_long, unix_breaks
from bonavi.core.validators import reject_markup

from . import selectors
from .fees import CAPPED_RATE_PERCENT
from .limits import TEXT_MAX
from .models import Agency, FeeSystem, Staff
from .services import AgentError

RULES_MAX = 20_000  # a 規程 runs to a few thousand characters; beyond this it is a paste of something else
# The model's own limit (a CharField), not a copy of it: limits.CONTACT_MAX is a complaint's 連絡先, another field.
COMPLAINT_CONTACT_MAX: int = Agency._meta.get_field("complaint_contact").max_length or 0


@dataclass(frozen=True)
class TextItem:
    name: str
    label: str
    required: bool
    limit: int
    help_text: str = ""


# In the order the settings page and the public page show them.
TEXT_ITEMS: tuple[TextItem, ...] = (
    TextItem(
        "fee_table",
        "手数料表",
        True,
        TEXT_MAX,
        "届け出た手数料表のとおりに。求人者・求職者の双方に示されます（求職者から手数料はいただかないことは、"
        "公開ページに別に書かれます）。",
    ),
    TextItem("refund_policy", "返戻金制度", True, TEXT_MAX, "早期離職時の返戻金の有無・期間・割合"),
    TextItem(
        "penalty_terms",
        "違約金規約（任意）",
        False,
        TEXT_MAX,
        "直接採用時の違約金など。ない場合は空欄にします。",
    ),
    TextItem("occupations_scope", "取扱職種の範囲等", True, TEXT_MAX, "取り扱う職種・地域など"),
    TextItem(
        "operating_rules",
        "業務運営規程",
        True,
        RULES_MAX,
        "全文を入力します。公開ページにそのまま掲載されます。",
    ),
    TextItem(
        "privacy_policy",
        "個人情報適正管理規程",
        True,
        RULES_MAX,
        "全文を入力します。公開ページにそのまま掲載されます。",
    ),
    TextItem(
        "complaint_contact",
        "苦情の申出先",
        True,
        COMPLAINT_CONTACT_MAX,
        "例：本社 職業紹介責任者（03-1111-1111、平日10〜18時）",
    ),
    TextItem("strengths", "特色・強み（任意）", False, TEXT_MAX),
)
TEXT_NAMES = tuple(item.name for item in TEXT_ITEMS)
# The rules the workbench asks for until they are given (agencies onboarded before they were asked for).
RULE_ITEMS = ("operating_rules", "privacy_policy")


def named(item: TextItem) -> str:
    """The item's name in its messages (the label without 「（任意）」)."""
    return item.label.removesuffix("（任意）")


class DisclosuresChanged(AgentError):
    """Another 責任者 changed the 掲示事項 after this page was drawn; `stamp` is the version now, which the page
    carries from then on: saving again is a decision taken knowing of the other change."""

    def __init__(self, message: str, *, stamp: str) -> None:
        super().__init__(message)
        self.stamp = stamp


def require_disclosure_editor(user: Any) -> Staff:
    # The agency's records' rule (selectors.responsible_of), in this page's words: it changes, not only reads.
    staff = selectors.responsible_of(user)
    if staff is None:
        raise PermissionDenied("掲示事項（手数料表・規程）の変更は、職業紹介責任者が行います。")
    return staff


def rules_missing(agency: Agency) -> list[str]:
    """The 規程 not yet given, by name, for the workbench's reminder to the 責任者."""
    items = {i.name: i for i in TEXT_ITEMS}
    return [named(items[n]) for n in RULE_ITEMS if not getattr(agency, n).strip()]


def version_stamp(agency: Agency) -> str:
    """What the page was drawn from, carried back by the form: a digest of the values themselves, so a change made
    in the admin (which does not set disclosures_updated_at) is seen as well as another 責任者's."""
    values = [
        agency.fee_system,
        str(_comparable(agency.fee_rate_percent)),
        *(getattr(agency, n) for n in TEXT_NAMES),
    ]
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()[:32]


def _clean_text(value: Any) -> str:
    # Browsers send CRLF: counted as one line break, as the person sees it.
    return unix_breaks(str(value or "")).strip()


def disclosure_problems(
    *, fee_system: str, fee_rate_percent: Decimal | None, texts: Mapping[str, str]
) -> dict[str, list[str]]:
    """Each refusal beside its field ({} when the whole is good)."""
    problems: dict[str, list[str]] = {}
    if fee_system not in FeeSystem.values:
        problems["fee_system"] = ["手数料の種類を選んでください。"]
    if fee_rate_percent is not None:
        if fee_system == FeeSystem.CAPPED:
            problems["fee_rate_percent"] = [
                "上限制手数料では手数料率を入力しません（上限は法令で、雇用期間（6か月まで）の賃金の"
                f"{CAPPED_RATE_PERCENT}%（消費税込み）です）。空欄にしてください。"
            ]
        elif not Decimal(0) < fee_rate_percent <= Decimal(100):
            problems["fee_rate_percent"] = ["手数料率は0より大きく100以下の数で入力してください。"]
        elif fee_rate_percent != fee_rate_percent.quantize(Decimal("0.01")):
            problems["fee_rate_percent"] = ["手数料率は小数第2位までで入力してください。"]
    for item in TEXT_ITEMS:
        text = texts.get(item.name, "")
        if item.required and not text:
            problems[item.name] = [f"{named(item)}を入力してください。"]
        elif len(text) > item.limit:
            problems[item.name] = [too_long(named(item), item.limit, given=len(text))]
        else:
            try:
                reject_markup(text)
            except ValidationError as exc:
                problems[item.name] = list(exc.messages)
    return problems


def agency_disclosures_update(
    *,
    user: Any,
    fee_system: str,
    fee_rate_percent: Decimal | None,
    texts: Mapping[str, Any],
    loaded: str,
) -> tuple[Agency, bool]:
    """Store the 掲示事項 of the 責任者's agency; (the agency, whether anything changed). `loaded` is the
    version_stamp the page was drawn from: when another 責任者 changed them since, nothing is stored and the page
    says so (a stale tab would otherwise put back what they had just changed). A save that changes nothing keeps
    the last change's day."""
    staff = require_disclosure_editor(user)
    cleaned = {name: _clean_text(texts.get(name)) for name in TEXT_NAMES}
    if problems := disclosure_problems(
        fee_system=fee_system, fee_rate_percent=fee_rate_percent, texts=cleaned
    ):
        raise AgentError(problems)
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=staff.agency_id)
        if version_stamp(agency) != loaded:
            last = updated_line(agency)
            raise DisclosuresChanged(
                "このページを開いた後に、掲示事項が変更されました"
                + (f"（最終更新：{last}）" if last else "")
                + "。あなたの入力は変更の前の内容から直したものなので、保存していません。公開ページで最新の内容を"
                "確かめてください。入力はこのページに残してあり、このまま「保存する」を押すと、あなたの入力で"
                "上書きします。",
                stamp=version_stamp(agency),
            )
        new: dict[str, Any] = {"fee_system": fee_system, "fee_rate_percent": fee_rate_percent, **cleaned}
        changed = [
            name for name, value in new.items() if _comparable(getattr(agency, name)) != _comparable(value)
        ]
        if not changed:
            return agency, False
        for name in changed:
            setattr(agency, name, new[name])
        agency.disclosures_updated_at = timezone.now()
        agency.disclosures_updated_by = user
        agency.save(update_fields=[*changed, "disclosures_updated_at", "disclosures_updated_by"])
    return agency, True


def _comparable(value: Any) -> Any:
    # 30 (an int from a fixture), Decimal("30.00") from the database and Decimal("30") from the form are one rate.
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(value).normalize()
    return value


def updated_line(agency: Agency) -> str:
    """「2027年1月5日（火）10:12 高橋責任者さん」: the last change, for the settings page ("" before any)."""
    at: dt.datetime | None = agency.disclosures_updated_at
    if at is None:
        return ""
    by = agency.disclosures_updated_by
    return f"{moment_ja(at)}{'　' + (by.display_name or by.email) + 'さん' if by is not None else ''}"

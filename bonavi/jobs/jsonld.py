"""schema.org JobPosting for Google for Jobs. Built only for postings an anonymous visitor may see.

The small functions below are also what the XML job feed (feed.py) sends, so a posting is described to Google and
to feed readers alike: one mapping of employment types, wage units, address and identifiers."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.html import escape

from bonavi.core.clock import date_jst

from .conditions import OwnWords, own_words
from .models import EmploymentType, JobPosting, Telework, WageUnit

EMPLOYMENT_TYPE = {
    EmploymentType.SEISHAIN: "FULL_TIME",
    EmploymentType.KEIYAKU: "CONTRACTOR",
    EmploymentType.HAKEN: "TEMPORARY",
    EmploymentType.PART: "PART_TIME",
}
UNIT_TEXT = {WageUnit.HOUR: "HOUR", WageUnit.DAY: "DAY", WageUnit.MONTH: "MONTH", WageUnit.YEAR: "YEAR"}


def postal_address(p: JobPosting) -> dict[str, str]:
    # A part the posting leaves blank is left out rather than sent as "": validators flag an empty value, while an
    # absent optional property is fine.
    parts = {
        "addressRegion": p.prefecture_name,
        "addressLocality": p.municipality,
        "streetAddress": p.address,
    }
    return {"@type": "PostalAddress", "addressCountry": "JP", **{k: v for k, v in parts.items() if v}}


def employment_type_code(p: JobPosting) -> str:
    return EMPLOYMENT_TYPE[EmploymentType(p.employment_type)]


def wage_unit_code(p: JobPosting) -> str:
    return UNIT_TEXT[WageUnit(p.wage_unit)]


def reference_number(p: JobPosting) -> str:
    return f"bonavi-{p.pk}"


def absolute_url(p: JobPosting) -> str:
    return f"{settings.SITE_URL}{p.get_absolute_url()}"


def valid_through_text(p: JobPosting) -> str | None:
    # 掲載期限 is a day in Japan: the posting is shown until that day ends in JST.
    return f"{p.valid_through.isoformat()}T23:59:59+09:00" if p.valid_through else None


def hiring_organization(p: JobPosting) -> dict[str, Any]:
    """The 募集者, with its 会社URL as sameAs (ADR 0103) when the posting's organisation is the employer itself (the
    posting has a company page): an agency's posting names its client, whose site is not the agency's."""
    org: dict[str, Any] = {"@type": "Organization", "name": p.employer_display}
    if p.has_company_page and (url := p.organization.website_link):
        org["sameAs"] = url
    return org


def _paragraph(part: str) -> str:
    return f"<p>{escape(part)}</p>"


def _own_words_paragraph(words: OwnWords) -> str:
    """The company's own words (ADR 0128) headed by what they are, as the page heads them, so a reader (and Google)
    takes 求める人物像 for the employer's wish and not for a stated requirement; its lines kept."""
    lines = "<br>".join(escape(line) for line in words.text.splitlines())
    return f"<p>【{escape(words.heading)}】<br>{lines}</p>"


def posting_jsonld(p: JobPosting) -> dict[str, Any]:
    # In the page's order: 業務内容, the company's own words, then what is required.
    description = "".join(
        [
            *(_paragraph(part) for part in [p.duties, f"変更の範囲：{p.duties_change_scope}"] if part),
            *(_own_words_paragraph(words) for words in own_words(p)),
            *(_paragraph(part) for part in [p.required_experience, p.required_qualifications] if part),
        ]
    )
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": wage_unit_code(p)}
    if p.wage_max and p.wage_max != p.wage_min:
        value.update(minValue=p.wage_min, maxValue=p.wage_max)
    else:
        value["value"] = p.wage_min
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": p.title,
        "description": description,
        "identifier": {
            "@type": "PropertyValue",
            "name": p.employer_display,
            "value": reference_number(p),
        },
        # The Japanese date, as the page shows it: a posting published before 09:00 JST is still "yesterday" in UTC.
        "datePosted": date_jst(p.date_posted or p.created_at).isoformat(),
        "employmentType": employment_type_code(p),
        "hiringOrganization": hiring_organization(p),
        "jobLocation": {"@type": "Place", "address": postal_address(p)},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "JPY", "value": value},
        "directApply": True,
        "url": absolute_url(p),
    }
    if valid_through := valid_through_text(p):
        data["validThrough"] = valid_through
    if p.telework == Telework.FULL:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "JP"}
    if p.inexperienced_welcome:
        data["experienceRequirements"] = "未経験歓迎"
    return data


def posting_jsonld_script(p: JobPosting) -> str:
    # json.dumps does not escape "<"; a title containing "</script>" must not close the tag.
    raw = json.dumps(posting_jsonld(p), ensure_ascii=False)
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

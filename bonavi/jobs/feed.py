"""The Indeed-style XML job feed (/feeds/jobs.xml, ADR 0081): the text of the feed. feed_files.py writes it into
files, which the view serves.

Only postings `selectors.feed_postings()` returns are in it: public_postings(), nothing else. Each posting is described with the JSON-LD's own functions
(jsonld.py) and its conditions are the detail page's own conditions sections (conditions.py) joined as plain text,
so the feed says what the page and Google say, in the same words.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import format_datetime

from django.conf import settings

from bonavi.core import clock
from bonavi.core.text import unix_breaks

from . import selectors
from .catalog import FAMILIES, SUBROLE_BY_CODE
from .conditions import conditions_plain_text
from .jsonld import (
    absolute_url,
    employment_type_code,
    postal_address,
    reference_number,
    valid_through_text,
)
from .models import JobPosting

PUBLISHER = "BOナビ"
CONTENT_TYPE = "application/xml; charset=utf-8"
# Rows fetched per round trip while building: big enough that a million postings is 2,000 fetches, small enough
# that a chunk of full postings (≈3 KB each) stays a few MB in memory.
CHUNK_SIZE = 500

# Indeed's <jobtype> words for the schema.org employmentType the JSON-LD sends: the employment type is decided once,
# in jsonld.py, and only translated here.
INDEED_JOBTYPE = {
    "FULL_TIME": "fulltime",
    "PART_TIME": "parttime",
    "CONTRACTOR": "contract",
    "TEMPORARY": "temporary",
}

# Characters XML 1.0 does not allow at all (§2.2): C0 controls other than tab/LF/CR, surrogates, U+FFFE/U+FFFF.
# A parser refuses the whole document for one of them, so they are dropped from every text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """`value` as CDATA content. "]]>" would end the section early: it is split across two sections. Line ends
    are sent as LF, which is what any XML parser turns CR and CRLF into anyway."""
    text = unix_breaks(_NOT_XML.sub("", str(value)))
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _element(name: str, value: object) -> str:
    return f"<{name}>{xml_text(value)}</{name}>"


def _rfc822(moment: dt.datetime) -> str:
    # Indeed's dates are RFC 822 ("Tue, 01 Apr 2025 00:00:00 GMT"); usegmt needs the time in UTC.
    return format_datetime(moment.astimezone(dt.UTC), usegmt=True)


def _category(p: JobPosting) -> str:
    sub = SUBROLE_BY_CODE.get(p.subrole)
    family = FAMILIES.get(p.family, "")
    return f"{family}／{sub.name}" if sub else family


def job_xml(p: JobPosting) -> str:
    """One posting's <job> element, on its own line."""
    address = postal_address(p)
    parts = [
        _element("title", p.title),
        _element("date", _rfc822(p.date_posted or p.created_at)),
        _element("referencenumber", reference_number(p)),
        _element("url", absolute_url(p)),
        _element("company", p.employer_display),
        _element("city", address.get("addressLocality", "")),
        _element("state", address.get("addressRegion", "")),
        _element("country", address["addressCountry"]),
    ]
    if street := address.get("streetAddress"):
        parts.append(_element("streetaddress", street))
    # No <postalcode>: a posting has no 郵便番号 field, and one guessed from the address could be wrong.
    parts += [
        _element("description", conditions_plain_text(p)),
        _element("salary", p.wage_display),
        _element("jobtype", INDEED_JOBTYPE[employment_type_code(p)]),
        _element("category", _category(p)),
    ]
    if expires := valid_through_text(p):
        parts.append(_element("expirationdate", expires))
    return "<job>" + "".join(parts) + "</job>\n"


def feed_header(*, built: dt.datetime) -> str:
    """Everything before the first <job>: the publisher and when the file was built."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<source>'
        + _element("publisher", PUBLISHER)
        + _element("publisherurl", settings.SITE_URL + "/")
        + _element("lastBuildDate", _rfc822(built))
        + "\n"
    )


FEED_FOOTER = "</source>\n"


def feed_last_modified() -> dt.datetime:
    """The feed's Last-Modified: the newest change of any posting or of any company's 採用担当 (a company without one
    leaves the feed, ADR 0146), and at least the start of today in Japan, when postings whose 掲載期限 was yesterday
    leave the feed without any row changing."""
    midnight = dt.datetime.combine(clock.today_jst(), dt.time(), tzinfo=clock.JST)
    changes = [selectors.postings_changed_at(), selectors.staff_changed_at()]
    return max([midnight, *(moment for moment in changes if moment is not None)])


def refusal_xml(message: str) -> str:
    """The body of a 400: a bad filter named in Japanese, in the format the reader asked for."""
    return f'<?xml version="1.0" encoding="utf-8"?>\n<error>{xml_text(message)}</error>\n'

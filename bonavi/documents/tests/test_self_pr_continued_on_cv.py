"""A 自己PR the 履歴書's box prints only in part ends at a sentence's 。 and says where the rest is:
「（続きは職務経歴書に記載）」 (ADR 0150). Asserted on the rendered PDF's text."""

import datetime as dt
import io

from pypdf import PdfReader

from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.layout import SELF_PR_CONTINUED, appeal_text, sentences
from bonavi.documents.render.base import Kind, default_renderer

ON = dt.date(2026, 11, 27)
MOTIVATION = "お客様の困りごとを聞き取り、解決まで伴走する仕事に関心があり、ヘルプデスク職を志望しました。"
FIRST = "飲食店のアルバイトで4年間、売上集計とレジ締めを担当し、新人6名の教育も行いました。"
# A sentence with a 。 inside its quotation: cut after 「…ありがとう。」 it would read as ended, mid-sentence.
QUOTED = "アルバイトでは毎日常連のお客様から「いつも正確で助かる、ありがとう。」と声をかけていただけることが、私の何よりの励みでした。"
FILLER = "毎日の締め作業では現金と売上データの差異を確認し、差異があれば原因を特定してから報告しました。"


def doc(self_pr):
    return {"basics": {"name": "見本 さくら"}, "x-bonavi": {"motivation": MOTIVATION, "selfPr": self_pr}}


def rirekisho_text(data) -> str:
    out = default_renderer().render(resume_from_json(data), kind=Kind.RIREKISHO, on=ON)
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages).replace("\n", "")


def test_a_self_pr_cut_short_says_the_rest_is_on_the_shokumukeirekisho():
    long_pr = [FIRST + FILLER * 3, FILLER * 4, FILLER * 4]
    body = rirekisho_text(doc(long_pr))
    assert body.index("【自己PR】") < body.index(FIRST) < body.index("（続きは職務経歴書に記載）")
    assert "別紙" not in body
    # what precedes the marker is a whole sentence
    assert body[: body.index("（続きは職務経歴書に記載）")].endswith("。")


def test_a_self_pr_printed_whole_has_no_marker():
    body = rirekisho_text(doc([FIRST]))
    assert FIRST in body and "続きは職務経歴書" not in body


def test_the_cut_never_falls_inside_a_quoted_sentence():
    assert sentences(FIRST + QUOTED) == [FIRST, QUOTED]
    # Fill the box so that the quoted sentence is where it ends (n = 6 did, cut after 「…ありがとう。」」): it is
    # printed whole or not at all.
    cut = 0
    for n in range(10):
        box = appeal_text(resume_from_json(doc([FIRST + FILLER * n + QUOTED + FILLER * 6])))
        printed = box.split("【自己PR】\n", 1)[1]
        assert not printed.removesuffix(SELF_PR_CONTINUED).endswith("ありがとう。」"), n
        cut += printed.endswith(SELF_PR_CONTINUED)
    assert cut == 10

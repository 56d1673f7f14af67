"""The 履歴書's 「志望の動機、特技、好きな学科、アピールポイントなど」 box prints the 志望動機 and then the 自己PR, and
an empty 本人希望記入欄 prints 「貴社の規定に従います。」 (ADR 0145). Asserted on the PDF text, as printed."""

import datetime as dt
import io

from pypdf import PdfReader

from bonavi.documents.forms import BasicsForm
from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.render.base import Kind, default_renderer
from bonavi.documents.review import review

ON = dt.date(2026, 11, 27)
MOTIVATION = "お客様の困りごとを聞き取り、解決まで伴走する仕事に関心があり、ヘルプデスク職を志望しました。"
SELF_PR = "飲食店のアルバイトで4年間、売上集計とレジ締めを担当し、新人6名の教育も行いました。"


def doc(**ext):
    return {"basics": {"name": "見本 さくら"}, "x-bonavi": ext}


def pdf_text(data) -> str:
    out = default_renderer().render(resume_from_json(data), kind=Kind.RIREKISHO, on=ON)
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages).replace("\n", "")


def test_the_self_pr_prints_after_the_motivation_in_the_appeal_box():
    body = pdf_text(doc(motivation=MOTIVATION, selfPr=[SELF_PR]))
    box = body.index("志望の動機、特技、好きな学科、アピールポイントなど")
    wishes = body.index("本人希望記入欄")
    assert box < body.index(MOTIVATION) < body.index("【自己PR】") < body.index(SELF_PR) < wishes


def test_a_self_pr_alone_still_prints_under_its_label():
    body = pdf_text(doc(selfPr=[SELF_PR, "数字を正確に締めることを続けてきました。"]))
    assert (
        body.index("【自己PR】")
        < body.index(SELF_PR)
        < body.index("数字を正確に締めることを続けてきました。")
    )
    assert "【自己PR】" not in pdf_text(doc(motivation=MOTIVATION))


def test_the_self_pr_fills_only_the_room_the_motivation_leaves():
    """A full 自己PR of several paragraphs would shrink the 志望動機 and add a 別紙 to an ordinary 履歴書: the box
    takes the 自己PR's first whole sentences that fit at the 志望動機's own size, and the review says how much."""
    from bonavi.documents.layout import MOTIVATION_LINES, appeal_text, box_fit_size

    sentence = "売上集計とレジ締めを毎日正確に行い差異をなくしました。"
    long_pr = [sentence * 4] * 8
    resume = resume_from_json(doc(motivation=MOTIVATION, selfPr=long_pr))
    box = appeal_text(resume)
    assert box.startswith(MOTIVATION + "\n【自己PR】\n" + sentence)
    assert box.endswith("。（続きは職務経歴書に記載）")  # whole sentences, and where the rest is (ADR 0150)
    assert box_fit_size(box, MOTIVATION_LINES) == 10.0
    body = pdf_text(doc(motivation=MOTIVATION, selfPr=long_pr))
    assert "【自己PR】" in body and "別紙" not in body
    said = [h.message for h in review(resume) if h.path == "x-bonavi.selfPr[0]"]
    assert any("自己PRの最初の" in m and f"全{len(sentence) * 32}字のうち" in m for m in said)


def test_an_empty_requests_box_prints_the_usual_sentence():
    body = pdf_text(doc(motivation=MOTIVATION))
    assert body.index("本人希望記入欄") < body.index("貴社の規定に従います。")
    # her own wish replaces it; a 希望職種 alone keeps it under the 希望職種 line
    own = pdf_text(doc(requests="勤務地は東京都内を希望します。"))
    assert "勤務地は東京都内を希望します。" in own and "貴社の規定に従います。" not in own
    job = pdf_text(doc(desiredJob="経理事務"))
    assert job.index("希望職種：経理事務") < job.index("貴社の規定に従います。")


def test_the_editor_and_the_review_say_what_prints():
    help_text = str(BasicsForm().fields["requests"].help_text)
    assert "空欄のときは「貴社の規定に従います。」と印刷します" in help_text
    assert "【自己PR】" in str(BasicsForm().fields["self_pr"].help_text)
    said = [h.message for h in review(resume_from_json(doc(motivation=MOTIVATION)))]
    assert "本人希望記入欄が空欄のため、履歴書には「貴社の規定に従います。」と印刷します。" in said

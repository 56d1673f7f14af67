"""The insert page offers two adjacent quotes of one sentence that say one duty as one line (ADR 0137,
careers.translator.duty_lines_joined): 「売上と現金を毎日照合し、差異の原因を調査しました。」 gave 「売上と現金の日次照合」
and 「差異の原因の調査」 as two 業務内容 lines."""

from __future__ import annotations

import pytest

from bonavi.careers.services import saved_translation_create
from bonavi.documents.selectors import translation_repeats, translation_sentences

pytestmark = pytest.mark.django_db


def _saved(seeker, text: str, spans: list[str], *, appeal_evidence: list[str] | None = None):
    evidence = []
    for span in spans:
        start = text.index(span)
        evidence.append({"span": span, "start": start, "end": start + len(span)})
    points = [{"text": "照合の経験があります。", "evidence": appeal_evidence or []}]
    return saved_translation_create(
        user=seeker, text=text, target_jobtag_id=430, result={"appeal_points": points, "evidence": evidence}
    )


def quotes(saved) -> dict[str, str]:
    return {key: text for key, kind, text in translation_sentences(saved) if kind == "quote"}


def test_a_check_and_its_follow_up_in_one_sentence_are_one_line(seeker) -> None:
    text = "売上と現金を毎日照合し、差異の原因を調査しました。"
    saved = _saved(
        seeker, text, ["売上と現金を毎日照合し", "差異の原因を調査しました"], appeal_evidence=["差異の原因"]
    )
    assert quotes(saved) == {"q0": "売上と現金の日次照合（差異の原因の調査を含む）"}
    # the 自己PR sentence built on the second quote repeats the joined line, under its key
    assert translation_repeats(saved) == {"q0": {"a0"}}


def test_two_sentences_are_never_joined(seeker) -> None:
    text = "売上と現金を毎日照合しました。差異の原因を調査しました。"
    saved = _saved(seeker, text, ["売上と現金を毎日照合しました", "差異の原因を調査しました"])
    assert set(quotes(saved).values()) == {"売上と現金の日次照合", "差異の原因の調査"}


def test_unrelated_duties_of_one_sentence_stay_two_lines(seeker) -> None:
    text = "売上データを集計し、新人の教育を担当しました。"
    saved = _saved(seeker, text, ["売上データを集計し", "新人の教育を担当しました"])
    assert quotes(saved) == {"q0": "売上データの集計", "q1": "新人の教育を担当"}

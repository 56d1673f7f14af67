"""The jobtag reference: import from the raw folder, the committed snapshot, attribution."""

from __future__ import annotations

import gzip
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bonavi.careers import jobtag
from bonavi.careers.models import JobtagRelease, Occupation
from bonavi.careers.reference import get_reference

ATTRIBUTION = (
    "出典：独立行政法人労働政策研究・研修機構（JILPT）作成『職業情報データベース 簡易版数値系ダウンロードデータ "
    "ver.7.00』職業情報提供サイト（job tag）より2026年5月4日にダウンロード"
    "（https://shigoto.mhlw.go.jp/User/download）を加工して作成"
)


@pytest.mark.django_db
def test_import_jobtag_is_idempotent(jobtag_dir):
    out = StringIO()
    call_command("import_jobtag", str(jobtag_dir), stdout=out)
    assert "新規 556" in out.getvalue()
    first = JobtagRelease.objects.get()
    call_command("import_jobtag", str(jobtag_dir), stdout=out)
    assert "変更はありません" in out.getvalue()
    assert Occupation.objects.count() == 556
    assert JobtagRelease.objects.get().digest == first.digest
    keiri = Occupation.objects.get(pk=430)
    assert keiri.title == "経理事務"
    assert len(keiri.skills) == 39 and len(keiri.interests) == 6 and len(keiri.work_values) == 11
    assert "日商簿記2級" in keiri.related_certs
    assert keiri.salary_man_yen == pytest.approx(509.3)


@pytest.mark.django_db
def test_raw_import_and_snapshot_hold_the_same_content(jobtag_dir):
    """The committed snapshot is exactly what build_jobtag_snapshot makes from the raw folder."""
    assert jobtag.digest_of(jobtag.read_raw_folder(jobtag_dir)) == jobtag.digest_of(jobtag.read_snapshot())


def test_snapshot_keeps_only_used_fields():
    with gzip.open(jobtag.SNAPSHOT_PATH, "rb") as fh:
        data = json.loads(fh.read())
    record = data["occupations"][0]
    for raw_only in (
        "abilities",
        "work_activities",
        "work_characteristics",
        "employment_type",
        "ipd_id",
        "related_orgs",
        "training_post",
    ):
        assert raw_only not in record
    # Long texts only for the occupations BOナビ shows in detail.
    other = next(r for r in data["occupations"] if r["jobtag_id"] == 1)
    assert other["description"] == "" and other["how_to_become"] == ""


@pytest.mark.django_db
def test_reference_loads_snapshot_on_first_use_and_carries_attribution():
    assert not JobtagRelease.objects.exists()
    ref = get_reference()
    assert JobtagRelease.objects.get().source == "snapshot"
    assert ref.attribution == ATTRIBUTION
    assert len(ref.interest_z) == 482 and len(ref.value_z) == 445
    # z-scores are centred across occupations.
    assert abs(sum(z[5] for z in ref.interest_z.values())) < 1e-3


@pytest.mark.django_db
def test_recruit_groups_are_built_once_with_the_reference_and_match_a_full_pass(ref):
    from bonavi.careers.roadmaps import recruit_group

    def by_full_pass(occ):  # the definition: every occupation with the same posted wage and ratio
        if occ.recruit_wage_man_yen is None or occ.recruit_ratio is None:
            return ()
        key = (occ.recruit_wage_man_yen, occ.recruit_ratio)
        members = tuple(
            sorted(i for i, o in ref.occupations.items() if (o.recruit_wage_man_yen, o.recruit_ratio) == key)
        )
        return members if len(members) > 1 else ()

    grouped = 0
    for occ in ref.occupations.values():
        assert recruit_group(occ, ref) == by_full_pass(occ), occ.jobtag_id
        grouped += bool(by_full_pass(occ))
    assert 444 in recruit_group(ref.get(433), ref) and recruit_group(ref.get(430), ref) == () and grouped > 10
    # Looked up, not recomputed: the same tuple the reference holds, and the cached reference is the same object.
    assert recruit_group(ref.get(433), ref) is ref.recruit_groups[433]
    assert get_reference() is ref


@pytest.mark.django_db
def test_shared_pay_groups_are_marked(ref):
    jinji = ref.get(432)
    assert {432, 433, 444} <= set(jinji.pay_group)
    assert ref.get(536).pay_group == ref.get(538).pay_group != []


@pytest.mark.django_db
def test_import_rejects_a_folder_that_is_not_jobtag(tmp_path):
    with pytest.raises(CommandError, match="occupations"):
        call_command("import_jobtag", str(tmp_path))
    assert not Occupation.objects.exists()


def test_build_snapshot_command_writes_reproducible_bytes(jobtag_dir, tmp_path):
    out = tmp_path / "snap.json.gz"
    call_command("build_jobtag_snapshot", str(jobtag_dir), "--output", str(out), stdout=StringIO())
    assert out.read_bytes() == jobtag.SNAPSHOT_PATH.read_bytes()

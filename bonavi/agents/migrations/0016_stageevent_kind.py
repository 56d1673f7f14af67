from django.db import migrations, models
from django.db.models import F


def classify(apps, schema_editor):
    """Once: the entries agents.interviews wrote before `kind` existed (same stage at both ends) said what they did
    only in their note, after who did it — 「…が面接の日程を取り消しました」, 「…を変更しました」, else a 設定."""
    StageEvent = apps.get_model("agents", "StageEvent")
    within = StageEvent.objects.filter(from_stage=F("to_stage"))
    within.filter(note__contains="面接の日程を取り消").update(kind="interview_cancelled")
    within.filter(kind="", note__contains="面接の日程を変更").update(kind="interview_changed")
    within.filter(kind="").update(kind="interview_set")


class Migration(migrations.Migration):
    dependencies = [
        ("agents", "0015_referral_offer_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="stageevent",
            name="kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "選考状況の変更"),
                    ("interview_set", "面接日程を設定"),
                    ("interview_changed", "面接日程を変更"),
                    ("interview_cancelled", "面接日程を取り消し"),
                ],
                default="",
                max_length=20,
                verbose_name="内容",
            ),
        ),
        migrations.RunPython(classify, migrations.RunPython.noop),
    ]

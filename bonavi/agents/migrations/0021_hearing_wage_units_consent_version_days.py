import re

from django.db import migrations, models

# The registration consent's versions were named after months to come (「2027-01」 in November 2026): each is now the
# day (JST) its text took effect, a second text of the same day with 「-2」 (ADR 0125). The texts stored with each
# registration do not change, only the name of the version she agreed to — on her registration and in the audit
# lines that name it (「利用目的に同意：版 2027-01」, 「版 2026-11 → 版 2026-12」), which her 記録 and the adviser's
# show beside the version's new name.
RENAMED = {"2026-11": "2026-11-25", "2026-12": "2026-11-26", "2027-01": "2026-11-26-2"}


def rename_versions(apps, schema_editor, renamed=RENAMED):
    Candidate = apps.get_model("agents", "Candidate")
    AuditEvent = apps.get_model("agents", "AuditEvent")
    for old, new in renamed.items():
        Candidate.objects.filter(consent_version=old).update(consent_version=new)
    # One pass over each line with every name at once, whole names only: 「版 2026-11」 is the start of
    # 「版 2026-11-25」, and renaming one name after another would rename a new name again.
    names = re.compile(
        "版 (" + "|".join(re.escape(o) for o in sorted(renamed, key=len, reverse=True)) + r")(?![-\d])"
    )
    changed = []
    for event in AuditEvent.objects.filter(detail__contains="版 ").only("pk", "detail").iterator():
        detail = names.sub(lambda m: f"版 {renamed[m.group(1)]}", event.detail)
        if detail != event.detail:
            event.detail = detail
            changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["detail"], batch_size=500)


def restore_versions(apps, schema_editor):
    rename_versions(apps, schema_editor, renamed={new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("agents", "0020_agency_operating_rules"),
    ]

    operations = [
        # 時給・日給・月給・年俸, the site's wage units (jobs.WageUnit): the stored values stay as they were (hour,
        # month, year), 日給 is added and 年収 reads 年俸 as everywhere else.
        migrations.AlterField(
            model_name="hearingsheet",
            name="pay_unit",
            field=models.CharField(
                choices=[("hour", "時給"), ("day", "日給"), ("month", "月給"), ("year", "年俸")],
                default="month",
                max_length=8,
                verbose_name="希望給与の単位",
            ),
        ),
        migrations.RunPython(rename_versions, restore_versions),
    ]

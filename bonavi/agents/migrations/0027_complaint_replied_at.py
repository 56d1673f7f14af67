from django.db import migrations, models
from django.db.models import F


def given_at_closing(apps, schema_editor):
    # Every reply until now was given with the 対応結果: its date is the closing's.
    Complaint = apps.get_model("agents", "Complaint")
    Complaint.objects.exclude(reply="").update(replied_at=F("resolved_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("agents", "0026_complaint_reply_correction"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="replied_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="回答日時"),
        ),
        migrations.RunPython(given_at_closing, migrations.RunPython.noop),
    ]

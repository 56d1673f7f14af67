from django.db import migrations, models


def release_duplicates(apps, schema_editor):
    # Before the constraint: keep the fingerprint only on the newest complaint that has it (older ones can no
    # longer match a double submission anyway).
    Complaint = apps.get_model("support", "Complaint")
    seen = set()
    for pk, fingerprint in (
        Complaint.objects.exclude(fingerprint="").order_by("-received_at", "-pk").values_list("pk", "fingerprint")
    ):
        if fingerprint in seen:
            Complaint.objects.filter(pk=pk).update(fingerprint="")
        seen.add(fingerprint)


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [
        migrations.RunPython(release_duplicates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="complaint",
            name="fingerprint",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.UniqueConstraint(
                condition=models.Q(("fingerprint", ""), _negated=True),
                fields=("fingerprint",),
                name="complaint_fingerprint_unique",
            ),
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0005_bulk_import"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="jobposting",
            index=models.Index(fields=["updated_at"], name="job_updated_at"),
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0006_posting_reference"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="jobposting",
            index=models.Index(fields=["updated_at"], name="job_updated_at"),
        ),
    ]

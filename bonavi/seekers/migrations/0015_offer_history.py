from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("seekers", "0014_start_proposal_reason"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="offer_history",
            field=models.JSONField(blank=True, default=list, verbose_name="内定の内容の変更の履歴"),
        ),
    ]

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("seekers", "0016_offer_history_fold"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="application",
            name="offer_previous",
        ),
    ]

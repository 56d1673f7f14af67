from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('support', '0002_complaint_fingerprint_unique'),
    ]

    operations = [
        migrations.AddField(
            model_name='complaint',
            name='acknowledged',
            field=models.BooleanField(default=False, verbose_name='受付確認メール'),
        ),
    ]

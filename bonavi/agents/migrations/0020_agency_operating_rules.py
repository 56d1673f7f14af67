# 業務運営規程 and the 掲示事項's last change (ADR 0116). Existing agencies get a blank 業務運営規程, which the
# workbench asks their 職業紹介責任者 to fill in; no text is invented for them.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agents', '0019_report_splits'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='agency',
            name='disclosures_updated_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='掲示事項の更新日時'),
        ),
        migrations.AddField(
            model_name='agency',
            name='disclosures_updated_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='掲示事項を更新した人'),
        ),
        migrations.AddField(
            model_name='agency',
            name='operating_rules',
            field=models.TextField(blank=True, verbose_name='業務運営規程'),
        ),
        migrations.AlterField(
            model_name='agency',
            name='privacy_policy',
            field=models.TextField(blank=True, verbose_name='個人情報適正管理規程'),
        ),
    ]

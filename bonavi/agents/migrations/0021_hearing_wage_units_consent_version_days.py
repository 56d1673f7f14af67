from django.db import migrations, models

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
    ]

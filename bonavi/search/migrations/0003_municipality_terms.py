"""Index again the postings that have a 市区町村: they now carry more than one municipality term (the designated
city of a ward, the name without 区・市), see terms.municipality_terms. Postings without one are unchanged.

Going backwards changes nothing: the previous code simply never asks for the extra terms.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from bonavi.search.indexing import index_postings

    JobPosting = apps.get_model("jobs", "JobPosting")
    ids = list(JobPosting.objects.exclude(municipality="").values_list("id", flat=True))
    if ids:
        index_postings(ids)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_pg_narrow_rows_day_terms"), ("jobs", "0004_insurance_accident_default")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""PostgreSQL: narrow index rows (the tsvector out of line), day terms and GIN instead of RUM (ADR 0025).

Recreates search_doc and indexes every posting again; a no-op on SQLite. On a large table `bonavi reindex`
afterwards is not needed, but this migration then takes as long as a rebuild (1M postings: docs/benchmarks.md).
The previous code reads the new table as it read the old one, so going backwards changes nothing.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    from bonavi.search.backends.postgres import DDL_GIN, DDL_TABLE, DROP
    from bonavi.search.indexing import index_postings

    with conn.cursor() as cur:
        for sql in DROP + DDL_TABLE + DDL_GIN:
            cur.execute(sql)
    JobPosting = apps.get_model("jobs", "JobPosting")
    ids = list(JobPosting.objects.values_list("id", flat=True))
    if ids:
        index_postings(ids)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_tables")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

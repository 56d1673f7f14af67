"""The search index tables: raw SQL, because they differ per database (FTS5 virtual table / tsvector + GIN).

PostgreSQL used a RUM index here until ADR 0025; 0002 replaces whatever this created, so it now builds GIN.
"""

from django.db import migrations


def create(apps, schema_editor):
    conn = schema_editor.connection
    with conn.cursor() as cur:
        if conn.vendor == "sqlite":
            from bonavi.search.backends.sqlite_fts5 import DDL

            for sql in DDL:
                cur.execute(sql)
        elif conn.vendor == "postgresql":
            from bonavi.search.backends.postgres import DDL_GIN, DDL_TABLE

            for sql in DDL_TABLE + DDL_GIN:
                cur.execute(sql)


def drop(apps, schema_editor):
    conn = schema_editor.connection
    with conn.cursor() as cur:
        if conn.vendor == "sqlite":
            from bonavi.search.backends.sqlite_fts5 import DROP
        else:
            from bonavi.search.backends.postgres import DROP
        for sql in DROP:
            cur.execute(sql)


def index_existing(apps, schema_editor):
    # Postings created before search existed get indexed once here (a no-op on a fresh database).
    from bonavi.search.indexing import index_postings

    JobPosting = apps.get_model("jobs", "JobPosting")
    ids = list(JobPosting.objects.values_list("id", flat=True))
    if ids:
        index_postings(ids)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]
    operations = [
        migrations.RunPython(create, drop),
        migrations.RunPython(index_existing, migrations.RunPython.noop),
    ]

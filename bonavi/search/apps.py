from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "bonavi.search"
    label = "search"
    verbose_name = "検索"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_migrate, post_save

        from bonavi.jobs.models import JobPosting
        from bonavi.jobs.signals import postings_bulk_loaded

        from . import indexing

        post_save.connect(indexing.on_posting_saved, sender=JobPosting, dispatch_uid="search-index-save")
        post_delete.connect(
            indexing.on_posting_deleted, sender=JobPosting, dispatch_uid="search-index-delete"
        )
        postings_bulk_loaded.connect(
            indexing.on_bulk_loaded, sender=JobPosting, dispatch_uid="search-index-bulk"
        )
        post_migrate.connect(indexing.on_post_migrate, dispatch_uid="search-index-flush")
        connection_created.connect(_sqlite_read_tuning, dispatch_uid="search-sqlite-tuning")


def _sqlite_read_tuning(sender: object, connection: object, **kwargs: object) -> None:
    """Memory-map the database and give it a larger page cache: FTS5 doclists of broad words are read
    sequentially and the OS page cache then serves them without copying (ADR 0020)."""
    if getattr(connection, "vendor", "") != "sqlite":
        return
    with connection.cursor() as cur:  # type: ignore[attr-defined]
        cur.execute("PRAGMA mmap_size = 4294967296")
        cur.execute("PRAGMA cache_size = -131072")

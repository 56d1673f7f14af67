from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "bonavi.search"
    label = "search"
    verbose_name = "検索"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from bonavi.jobs.models import JobPosting
        from bonavi.jobs.signals import postings_bulk_loaded

        from . import indexing

        post_save.connect(indexing.on_posting_saved, sender=JobPosting, dispatch_uid="search-index-save")
        post_delete.connect(indexing.on_posting_deleted, sender=JobPosting, dispatch_uid="search-index-delete")
        postings_bulk_loaded.connect(indexing.on_bulk_loaded, sender=JobPosting, dispatch_uid="search-index-bulk")
        post_migrate.connect(indexing.on_post_migrate, sender=self, dispatch_uid="search-index-flush")

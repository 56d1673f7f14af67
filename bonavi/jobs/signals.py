"""Signals other apps listen to (jobs never imports a later app).

`postings_bulk_loaded` is sent after a bulk insert that bypassed `post_save` (seeding, imports), with the ids,
so that e.g. the search index can take them in within the same transaction.
"""

from django.dispatch import Signal

postings_bulk_loaded = Signal()  # sender=JobPosting, ids=list[int]

"""Signals other apps listen to (jobs never imports a later app).

`postings_bulk_loaded` is sent after a bulk insert that bypassed `post_save` (seeding, imports), with the ids,
so that e.g. the search index can take them in within the same transaction.

`posting_viewed` is sent when a posting's detail page is shown (GET), after the permission check, with the posting
and the request's user (seekers keeps 最近見た求人 from it, ADR 0087). It is sent with send_robust: a listener's
failure is logged and never breaks the page.
"""

from django.dispatch import Signal

postings_bulk_loaded = Signal()  # sender=JobPosting, ids=list[int]
posting_viewed = Signal()  # sender=JobPosting, posting=JobPosting, user=the request's user (maybe anonymous)

"""Named places where delivery can be made to die, to prove that a crash there loses and duplicates nothing.

Inert unless the environment variable BONAVI_CRASH_AT names a point; then the process kills itself with
SIGKILL when it reaches it (no cleanup, no `finally`, exactly like a power cut or the OOM killer). The crash
tests start `bonavi send_digests` as a real subprocess with it set, then start it again without.
"""

from __future__ import annotations

import os
import signal

# Points, in the order delivery reaches them.
DIGEST_CHOSEN = "digest.chosen"  # postings chosen for a batch of users; nothing committed yet
DIGEST_BUILT = "digest.built"  # the batch's digest messages and cursors committed
OUTBOX_RENDERED = "outbox.rendered"  # one message rendered to MIME; SMTP not yet contacted
OUTBOX_ACCEPTED = "outbox.accepted"  # the SMTP server accepted it; not yet recorded as sent
OUTBOX_RECORDED = "outbox.recorded"  # recorded as sent
ALL = (DIGEST_CHOSEN, DIGEST_BUILT, OUTBOX_RENDERED, OUTBOX_ACCEPTED, OUTBOX_RECORDED)

_TARGET = os.environ.get("BONAVI_CRASH_AT", "")


def crash_point(name: str) -> None:
    if _TARGET and name == _TARGET:
        os.kill(os.getpid(), signal.SIGKILL)

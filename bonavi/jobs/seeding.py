"""Loading generated postings in bulk (used by `seed_postings`, `demo` and the benchmarks)."""

from __future__ import annotations

import random
from collections.abc import Callable

from django.db import transaction

from bonavi.accounts.models import Organization
from bonavi.core.prefectures import PREFECTURES

from .generator import Company, company_name, generate_postings, municipality, phone_number, street_address
from .models import JobPosting
from .signals import postings_bulk_loaded

BATCH = 2000


def companies_ensure(*, count: int, seed: int = 7) -> list[Company]:
    """At least `count` employer organisations exist; returns them as generator companies."""
    rng = random.Random(seed)
    existing = list(Organization.objects.filter(kind=Organization.Kind.EMPLOYER).order_by("id")[:count])
    missing = count - len(existing)
    if missing > 0:
        new = []
        for _ in range(missing):
            pref = rng.choice(list(PREFECTURES))
            muni = municipality(rng, pref)
            street, _station = street_address(rng, muni)  # a real town of the city, not a made-up 「栄」
            new.append(
                Organization(
                    kind=Organization.Kind.EMPLOYER,
                    name=company_name(rng),
                    address=f"{PREFECTURES[pref]}{muni}{street}",
                    phone=phone_number(rng, pref),
                )
            )
        Organization.objects.bulk_create(new, batch_size=BATCH)
        existing = list(Organization.objects.filter(kind=Organization.Kind.EMPLOYER).order_by("id")[:count])
    return [Company(o.pk, o.name, o.address, o.phone or o.email) for o in existing]


def postings_seed(
    *,
    count: int,
    seed: int = 1,
    private_ratio: float = 0.05,
    companies: int = 0,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert `count` generated postings in batches; each batch is one transaction including its indexing."""
    comps = companies_ensure(count=companies or max(20, min(2000, count // 50)))
    gen = generate_postings(count=count, companies=comps, seed=seed, private_ratio=private_ratio)
    done = 0
    while done < count:
        batch = [p for _, p in zip(range(min(BATCH, count - done)), gen, strict=False)]
        with transaction.atomic():
            created = JobPosting.objects.bulk_create(batch)
            # SQLite and PostgreSQL both return the new ids from bulk_create.
            ids = [p.pk for p in created if p.pk is not None]
            postings_bulk_loaded.send(sender=JobPosting, ids=ids)
        done += len(batch)
        if progress:
            progress(done)
    return done

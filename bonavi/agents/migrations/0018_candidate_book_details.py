from django.db import migrations, models


def fill_registered(apps, schema_editor):
    """Once: registrations in force take their 住所 and 生年月日 from the profile now, as a profile save would
    (ADR 0114). Withdrawn ones stay blank: what her profile said when she withdrew is not known, and what it says
    now is no longer the agency's business."""
    Candidate = apps.get_model("agents", "Candidate")
    SeekerProfile = apps.get_model("seekers", "SeekerProfile")
    registered = Candidate.objects.filter(user__isnull=False, anonymised_at__isnull=True).exclude(
        status="withdrawn"
    )
    profiles = {p.user_id: p for p in SeekerProfile.objects.filter(user_id__in=registered.values("user_id"))}
    for c in registered:
        p = profiles.get(c.user_id)
        if p is None:
            continue
        postal = " ".join(p.postal_code.split())
        address = " ".join(p.address.split())
        c.book_address = " ".join(part for part in (f"〒{postal}" if postal else "", address) if part)[:220]
        c.book_birth_date = p.birth_date
        c.save(update_fields=["book_address", "book_birth_date"])


class Migration(migrations.Migration):
    dependencies = [
        ("agents", "0017_proposal_request_and_complaint_status"),
        ("seekers", "0007_interview"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidate",
            name="book_address",
            field=models.CharField(blank=True, max_length=220, verbose_name="住所（求職管理簿）"),
        ),
        migrations.AddField(
            model_name="candidate",
            name="book_birth_date",
            field=models.DateField(blank=True, null=True, verbose_name="生年月日（求職管理簿）"),
        ),
        migrations.RunPython(fill_registered, migrations.RunPython.noop),
    ]

"""Fill the derived lead times, phase spans and monthly counts of the statistics written
before 0002 (the demo house; a generated house is written with them)."""

from datetime import date
from typing import Any

from django.db import migrations

from schakel.reports.derived import history_fact, lead_values, span_rows


def derive(apps: Any, schema_editor: Any) -> None:
    statistic = apps.get_model("reports", "CaseStatistic")
    span = apps.get_model("reports", "PhaseSpan")
    for row in statistic.objects.order_by("id").iterator(chunk_size=2000):
        referred_on: date = row.referred_on
        fact = history_fact(referred_on, row.phase_history or [])
        values = lead_values(fact)
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=list(values))
        span.objects.filter(statistic_id=row.pk).delete()
        span.objects.bulk_create(
            span(
                statistic_id=row.pk,
                phase=phase,
                start_on=start,
                end_on=end,
                target_group=row.target_group,
                municipality_id=row.municipality_id,
                referring_party_id=row.referring_party_id,
                process_director_id=row.process_director_id,
            )
            for phase, start, end in span_rows(fact)
        )
    from schakel.reports.counts import rebuild_counts

    rebuild_counts(models=(statistic, span, apps.get_model("reports", "MonthlyCount")))


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_lead_times_spans_monthly_counts"),
    ]

    operations = [migrations.RunPython(derive, migrations.RunPython.noop)]

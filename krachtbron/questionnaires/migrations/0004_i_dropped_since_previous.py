from django.db import migrations, models


def mark_existing_drops(apps, schema_editor):
    """Responses completed before the flag existed get it as a submit would have set it: each
    compared with the member's previous completed family questionnaire of the same version
    (``questionnaires/drops.py``). The engine is plain code (no models), so it is used here."""
    from krachtbron.instruments import compare, get_instrument
    from krachtbron.instruments.ids import FAMILIES
    from krachtbron.questionnaires.drops import dropped

    Response = apps.get_model("questionnaires", "Response")
    Answer = apps.get_model("questionnaires", "Answer")
    done = (
        Response.objects.filter(instrument_id=FAMILIES, completed_at__isnull=False)
        .order_by("member_id", "instrument_version", "completed_at", "id")
        .values_list("id", "member_id", "instrument_version")
    )
    answers: dict[int, dict[str, int | None]] = {}
    for response_id, item_id, value in Answer.objects.filter(
        response__instrument_id=FAMILIES, response__completed_at__isnull=False
    ).values_list("response_id", "item_id", "value"):
        answers.setdefault(response_id, {})[item_id] = value
    drops, last = [], None
    for response_id, member_id, version in done:
        if last is not None and last[1:] == (member_id, version):
            before, after = answers.get(last[0]), answers.get(response_id)
            instrument = get_instrument(FAMILIES, version=version)
            if before and after and dropped(compare(instrument, before, after)):
                drops.append(response_id)
        last = (response_id, member_id, version)
    for start in range(0, len(drops), 500):  # SQLite's limit on parameters
        Response.objects.filter(pk__in=drops[start : start + 500]).update(
            dropped_since_previous=True
        )


class Migration(migrations.Migration):

    dependencies = [
        ("questionnaires", "0003_i_result_seen"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="dropped_since_previous",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_existing_drops, migrations.RunPython.noop),
    ]

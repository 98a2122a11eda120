from django.db import migrations, models


def from_first_meeting(apps, schema_editor):
    """Series laid out before they kept materials take them from their first meeting."""
    MeetingSeries = apps.get_model("meetings", "MeetingSeries")
    Meeting = apps.get_model("meetings", "Meeting")
    for series in MeetingSeries.objects.all():
        first = Meeting.objects.filter(series=series).order_by("original_start", "id").first()
        if first is not None and first.materials:
            series.materials = first.materials
            series.save(update_fields=["materials"])


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_builtin_protocols")]

    operations = [
        migrations.AddField(
            model_name="meetingseries",
            name="materials",
            field=models.TextField(
                blank=True, max_length=5000, verbose_name="materials for the meeting"
            ),
        ),
        migrations.RunPython(from_first_meeting, migrations.RunPython.noop),
    ]

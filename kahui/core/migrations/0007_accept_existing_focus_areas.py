from django.db import migrations


def accept_existing(apps, schema_editor):
    """Focus areas made before reviews existed stay in the shared list: only what is
    typed from now on waits for an organisation's review."""
    FocusArea = apps.get_model("core", "FocusArea")
    FocusArea.objects.update(status="accepted")


class Migration(migrations.Migration):
    dependencies = [("core", "0006_focus_area_proposals")]
    operations = [migrations.RunPython(accept_existing, migrations.RunPython.noop)]

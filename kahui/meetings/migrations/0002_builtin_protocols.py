from django.db import migrations


def load(apps, schema_editor):
    from kahui.meetings.protocols import sync_builtin_protocols

    sync_builtin_protocols(
        apps.get_model("meetings", "AgendaTemplate"),
        apps.get_model("meetings", "AgendaTemplateStep"),
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

import uuid

from django.db import migrations, models


def give_each_period_an_id(apps, schema_editor):
    SchoolPeriod = apps.get_model("orgs", "SchoolPeriod")
    for period in SchoolPeriod.objects.all():
        period.public_id = uuid.uuid4()
        period.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_schoolperiod")]

    operations = [
        migrations.AddField(
            model_name="schoolperiod",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_period_an_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="schoolperiod",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]

from django.db import migrations


def load(apps, schema_editor):
    from taicho.core.divisions import divisions_load

    divisions_load(
        province_model=apps.get_model("core", "Province"),
        ward_model=apps.get_model("core", "Ward"),
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""Load the national default alert templates (taicho.warnings.templates_data); idempotent."""

from django.db import migrations


def load(apps, schema_editor):
    from taicho.warnings.services.templates import load_default_templates

    load_default_templates(apps.get_model("warnings", "AlertTemplate"))


class Migration(migrations.Migration):
    dependencies = [("warnings", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
            "title, body, scope, tokenize='unicode61 remove_diacritics 2')"
        )
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS core_searchdocument_vector_gin "
            "ON core_searchdocument USING gin (vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS core_searchdocument_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_search_documents")]
    operations = [migrations.RunPython(create, drop)]

"""The logs refuse UPDATE and DELETE whatever the session says.

pgtrigger's Protect triggers stepped aside for any session that set `pgtrigger.ignore`;
these plain triggers consult no setting. TRUNCATE is refused by privilege: the
application's role has only SELECT and INSERT on the logs (core.dbroles)."""

import pgtrigger.migrations
from django.db import migrations

TABLES = {"clients_accesslog": "access_log", "clients_disclosurelog": "disclosure_log"}

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION kuty_refuse_log_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'kuty: % is append-only; % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    *(
        f"CREATE TRIGGER kuty_{name}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION kuty_refuse_log_change()"
        for table, name in TABLES.items()
    ),
    *(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM PUBLIC" for table in TABLES),
]
BACKWARD = [
    *(f"DROP TRIGGER kuty_{name}_append_only ON {table}" for table, name in TABLES.items()),
    "DROP FUNCTION kuty_refuse_log_change()",
]


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0010_client_registrar_is_fixed"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="accesslog",
            name="access_log_append_only",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="disclosurelog",
            name="disclosure_log_append_only",
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]

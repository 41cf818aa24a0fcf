"""Database guards that no session setting bypasses.

pgtrigger's triggers step aside for any session that runs
`SET pgtrigger.ignore = '{trigger}'` — which any connection, the application's too, may
do. A rule the law or the audit trail depends on (a made decision never changes, a
client record keeps its registrar) uses StrictProtect: the same declaration on the
model and the same migrations, but a trigger function that never consults the
setting."""

import pgtrigger
from pgtrigger import compiler


class StrictUpsertTriggerSql(compiler.UpsertTriggerSql):
    """pgtrigger's installation SQL (v1) without the `pgtrigger.ignore` check."""

    def get_template(self) -> str:
        # Do not edit: migrations refer to this template. A change is a new class.
        return """
            CREATE OR REPLACE FUNCTION {pgid}()
            RETURNS TRIGGER AS $$
                {declare}
                BEGIN
                    {func}
                END;
            $$ LANGUAGE plpgsql;

            DROP TRIGGER IF EXISTS {pgid} ON {table};
            CREATE {constraint} TRIGGER {pgid}
                {when} {operation} ON {table}
                {timing}
                {referencing}
                FOR EACH {level} {condition}
                EXECUTE PROCEDURE {execute};

            COMMENT ON TRIGGER {pgid} ON {table} IS '{hash}';
        """


class Strict:
    """Mixed into a pgtrigger class: its trigger honours no session-level bypass."""

    def compile(self, model) -> compiler.Trigger:
        compiled = super().compile(model)
        sql = StrictUpsertTriggerSql(**compiled.sql.kwargs)
        return compiler.Trigger(name=compiled.name, sql=sql)


class StrictProtect(Strict, pgtrigger.Protect):
    """pgtrigger.Protect whose trigger honours no session-level bypass."""


class StrictTrigger(Strict, pgtrigger.Trigger):
    """pgtrigger.Trigger whose trigger honours no session-level bypass."""

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


# pgtrigger's `_pgtrigger_should_ignore` and pghistory's `_pgh_attach_context` read their
# session settings inside `BEGIN … EXCEPTION WHEN OTHERS` blocks, and the settings are
# unset in almost every session, so every row a tracked table takes entered and aborted a
# subtransaction. With deferred foreign keys pending, each abort walks the transaction's
# queue of deferred trigger events: bulk inserts became quadratic (issue 15: 100 000 cases
# had not loaded after 3.5 minutes; 5.6 s with the settings set first). These versions
# read the settings with `missing_ok` instead — the same answers, no exception block, no
# trigger disabled. Installed after every migrate (kuty.apps), since each migration that
# installs a trigger re-creates pgtrigger's version.
CHEAP_TRIGGER_FUNCTIONS = """
CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(trigger_name NAME)
RETURNS BOOLEAN AS $$
    DECLARE
        _pgtrigger_ignore TEXT[];
    BEGIN
        _pgtrigger_ignore := NULLIF(CURRENT_SETTING('pgtrigger.ignore', true), '')::TEXT[];
        IF _pgtrigger_ignore IS NOT NULL THEN
            RETURN trigger_name = ANY(_pgtrigger_ignore);
        END IF;
        RETURN FALSE;
    END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION _pgh_attach_context()
RETURNS pghistory_context.id%TYPE AS $$
    DECLARE
        _pgh_context_id UUID;
        _pgh_context_metadata JSONB;
    BEGIN
        _pgh_context_id := NULLIF(CURRENT_SETTING('pghistory.context_id', true), '')::UUID;
        _pgh_context_metadata :=
            NULLIF(CURRENT_SETTING('pghistory.context_metadata', true), '')::JSONB;
        IF _pgh_context_id IS NOT NULL AND _pgh_context_metadata IS NOT NULL THEN
            INSERT INTO pghistory_context (id, metadata, created_at, updated_at)
                VALUES (_pgh_context_id, _pgh_context_metadata, NOW(), NOW())
                ON CONFLICT (id) DO UPDATE
                    SET metadata = EXCLUDED.metadata,
                        updated_at = EXCLUDED.updated_at
                    WHERE pghistory_context.metadata != EXCLUDED.metadata;
            RETURN _pgh_context_id;
        END IF;
        RETURN NULL;
    END;
$$ LANGUAGE plpgsql;
"""


# The history nobody rewrites (issue 28), for every role, the owner too:
# - the logs of Act 703/2023 refuse TRUNCATE (a statement no row trigger sees), so not
#   even the owner empties them by accident (a test's teardown turns this off by name);
# - a row of pghistory_context (who made a change, read by the misuse check) may be
#   updated only by the transaction that created it (its created_at is that transaction's
#   now()): that is pghistory's upsert above when a transaction's metadata changes. A
#   later transaction's upsert of the same request's row is let pass unchanged (RETURN
#   NULL, so a request never fails on it); any other UPDATE is refused.
HISTORY_GUARDS = """
CREATE OR REPLACE FUNCTION kuty_refuse_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'kuty: % is a log of Act 703/2023: it cannot be emptied', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS kuty_no_truncate ON clients_accesslog;
CREATE TRIGGER kuty_no_truncate BEFORE TRUNCATE ON clients_accesslog
    FOR EACH STATEMENT EXECUTE FUNCTION kuty_refuse_truncate();
DROP TRIGGER IF EXISTS kuty_no_truncate ON clients_disclosurelog;
CREATE TRIGGER kuty_no_truncate BEFORE TRUNCATE ON clients_disclosurelog
    FOR EACH STATEMENT EXECUTE FUNCTION kuty_refuse_truncate();

CREATE OR REPLACE FUNCTION kuty_context_guard() RETURNS trigger AS $$
BEGIN
    IF OLD.created_at = now() AND NEW.id = OLD.id AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
    END IF;
    IF NEW.id = OLD.id
       AND NEW.id::text = current_setting('pghistory.context_id', true) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'kuty: the change history''s context % cannot be changed', OLD.id
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS kuty_context_guard ON pghistory_context;
CREATE TRIGGER kuty_context_guard BEFORE UPDATE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION kuty_context_guard();
"""
TRUNCATE_GUARDED = ("clients_accesslog", "clients_disclosurelog")


def install_cheap_trigger_functions(connection) -> None:
    """Replace the two per-row helper functions (see CHEAP_TRIGGER_FUNCTIONS), and
    install the history's guards (HISTORY_GUARDS)."""
    with connection.cursor() as cursor:
        cursor.execute(CHEAP_TRIGGER_FUNCTIONS)
        cursor.execute(HISTORY_GUARDS)

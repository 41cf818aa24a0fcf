"""The two database roles: an owner that runs migrations, an application role that owns
nothing.

The application (web, worker, beat) connects as the application role, which may use
ordinary DML on the tables but only SELECT and INSERT on the access and disclosure logs:
it cannot UPDATE, DELETE or TRUNCATE them, and, owning nothing, cannot ALTER a table to
disable its triggers. The owner runs `migrate` and owns every table, sequence and
function.

`provision()` needs an administrator's connection (a superuser, or a role with
CREATEROLE that may change the database's owner). It is idempotent, and safe when two
processes run it at once against a shared server: roles are cluster-wide.

    python -m core.dbroles    reads DATABASE_ADMIN_URL, DATABASE_NAME,
                              DATABASE_OWNER_USER / _PASSWORD, DATABASE_APP_USER / _PASSWORD

This module imports no Django: the dev runner and the compose set-up step use it
before Django can start. `grant_sql()` is also run by `migrate` (kuty.apps) as the
owner, so every new table follows.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import quote, urlsplit, urlunsplit

OWNER = "kuty_owner"
APP = "kuty_app"
# The logs of 703/2023: the application may only read and append.
APPEND_ONLY_TABLES = ("clients_accesslog", "clients_disclosurelog")
# Who did what, when (issue 28): the application adds to these and never takes away.
# pghistory_context keeps UPDATE for pghistory's upsert of the current transaction's row
# only, which a trigger holds to that row (core.triggers.HISTORY_GUARDS); axes writes a
# login's logout time into its row; the migrations are the owner's alone.
REVOKED = {
    "pghistory_context": "DELETE, TRUNCATE",
    "django_admin_log": "UPDATE, DELETE, TRUNCATE",
    "axes_accesslog": "DELETE, TRUNCATE",
    "axes_accessfailurelog": "UPDATE, DELETE, TRUNCATE",
    "django_migrations": "INSERT, UPDATE, DELETE, TRUNCATE",
}


def with_user(url: str, user: str, password: str) -> str:
    """The same database URL, for another role."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def with_database(url: str, database: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


def database_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def grant_sql(app: str, append_only: tuple[str, ...] = APPEND_ONLY_TABLES) -> list:
    """Statements the owner runs in its database: what the application role may do."""
    from psycopg import sql

    role = sql.Identifier(app)
    statements = [
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role),
        # New tables follow: whatever the owner creates later is granted the same way.
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
        ).format(role),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {}"
        ).format(role),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            role
        ),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role),
    ]
    revoked = dict.fromkeys(append_only, "UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER")
    for table, privileges in (REVOKED | revoked).items():
        statements.append(
            sql.SQL(
                "DO $$ BEGIN IF to_regclass({table_name}) IS NOT NULL THEN "
                "EXECUTE {revoke}; END IF; END $$"
            ).format(
                table_name=sql.Literal(f"public.{table}"),
                revoke=sql.Literal(f'REVOKE {privileges} ON public.{table} FROM PUBLIC, "{app}"'),
            )
        )
    return statements


def _ensure_role(connection, name: str, password: str, *, owner: bool) -> None:
    import psycopg
    from psycopg import sql

    # The owner creates the test database (`test_…`); the application role nothing.
    options = "LOGIN CREATEDB" if owner else "LOGIN NOCREATEDB"
    options += " NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    if not owner:
        options += " NOINHERIT"
    exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone()
    if not exists:
        try:
            connection.execute(
                sql.SQL("CREATE ROLE {} " + options + " PASSWORD {}").format(
                    sql.Identifier(name), sql.Literal(password)
                )
            )
            return
        except psycopg.errors.DuplicateObject:
            pass  # another process created it a moment ago
    connection.execute(
        sql.SQL("ALTER ROLE {} " + options + " PASSWORD {}").format(
            sql.Identifier(name), sql.Literal(password)
        )
    )


_OWN_EVERYTHING = """
DO $$
DECLARE
    item record;
BEGIN
    FOR item IN
        SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND pg_get_userbyid(c.relowner) <> {owner_text}
          AND NOT (c.relkind = 'S' AND EXISTS (
              SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I',
            CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                 WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
            item.name, {owner_text});
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> {owner_text}
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO %I', item.name, {owner_text});
    END LOOP;
END $$
"""


def provision(
    admin_url: str,
    *,
    database: str,
    owner: str = OWNER,
    owner_password: str,
    app: str = APP,
    app_password: str,
) -> None:
    """Create (or bring up to date) both roles and hand the database to the owner."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(with_database(admin_url, "postgres"), autocommit=True) as connection:
        # Two runners at once on a shared server would collide on ALTER ROLE
        # ("tuple concurrently updated"); the lock lasts until this connection closes.
        connection.execute("SELECT pg_advisory_lock(hashtext('kuty-database-roles'))")
        _ensure_role(connection, owner, owner_password, owner=True)
        _ensure_role(connection, app, app_password, owner=False)
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            connection.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(database), sql.Identifier(owner)
                )
            )
        connection.execute(
            sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                sql.Identifier(database), sql.Identifier(owner)
            )
        )
    with psycopg.connect(with_database(admin_url, database), autocommit=True) as connection:
        db, owner_id, app_id = (sql.Identifier(x) for x in (database, owner, app))
        connection.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(owner_id))
        connection.execute(sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
        connection.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
        connection.execute(
            sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(db, app_id)
        )
        # Data made before the roles existed (as the administrator) passes to the owner.
        connection.execute(sql.SQL(_OWN_EVERYTHING).format(owner_text=sql.Literal(owner)))
        connection.execute(sql.SQL("SET ROLE {}").format(owner_id))
        for statement in grant_sql(app):
            connection.execute(statement)
        connection.execute("RESET ROLE")


def main() -> int:
    admin_url = os.environ["DATABASE_ADMIN_URL"]
    provision(
        admin_url,
        database=os.environ.get("DATABASE_NAME") or database_of(admin_url),
        owner=os.environ.get("DATABASE_OWNER_USER", OWNER),
        owner_password=os.environ["DATABASE_OWNER_PASSWORD"],
        app=os.environ.get("DATABASE_APP_USER", APP),
        app_password=os.environ["DATABASE_APP_PASSWORD"],
    )
    print("[kuty] database roles ready", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

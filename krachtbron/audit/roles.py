"""PostgreSQL: the application runs as a role that may only add to and read the access log.

Two roles (README, "Production"): the *owner* owns every table, runs ``migrate`` and the
retention purges; the *application role* serves requests. ``grant_app_role`` (run by the owner
after every ``migrate``) gives the application role what it needs and no more:

* SELECT, INSERT, UPDATE, DELETE on ordinary tables; SELECT only on ``django_migrations``;
* SELECT and INSERT only on the access log and its seals;
* USAGE and SELECT on the sequences;
* nothing it owns, so it can never ALTER, TRUNCATE, DROP or DISABLE TRIGGER on any table.

The role may not be a superuser, may not create roles or databases, and may not be a member of
the owner role: each of those would get around the grants, so the command refuses.

Grants reach a role in more ways than the ones this command makes: membership of a predefined
role such as ``pg_write_all_data``, of another role with rights on the log (also one it can only
``SET ROLE`` to), column grants, grants to PUBLIC. So after granting, the command asks
PostgreSQL what the role can *actually* do to the log and its seals (``has_table_privilege``,
``has_any_column_privilege``, for the role and every role it is a member of) and refuses, undoing
everything it did, when that is more than SELECT and INSERT (``rights_beyond_append``).
"""

import re
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils.translation import ngettext
from psycopg import sql

from krachtbron.audit.models import AccessLogEntry, AccessLogSeal

LOG_TABLES = frozenset({AccessLogEntry._meta.db_table, AccessLogSeal._meta.db_table})
READ_ONLY_TABLES = frozenset({"django_migrations"})
LOG_PRIVILEGES = ("SELECT", "INSERT")
#: What no role that serves requests may do to the log or its seals.
FORBIDDEN_ON_LOG = ("UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
READ_ONLY_PRIVILEGES = ("SELECT",)
TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleError(Exception):
    """The set-up cannot be made safely; the message (Dutch) says why."""


@dataclass
class Grants:
    role: str
    created: bool = False
    tables: dict[str, tuple[str, ...]] = field(default_factory=dict)


def grant_app_role(role: str, *, create: bool = False, password: str = "") -> Grants:
    """Give ``role`` the application's rights on this database (run as the owner).

    All or nothing: one transaction, undone when a check fails (RoleError, Dutch), including
    the final check that the role can do no more than SELECT and INSERT on the log.
    """
    if connection.vendor != "postgresql":
        raise RoleError("Rollen bestaan alleen in PostgreSQL; SQLite heeft één gebruiker.")
    if not _ROLE_NAME.match(role):
        raise RoleError("Gebruik voor de rol kleine letters, cijfers en _ (hoogstens 63 tekens).")
    with transaction.atomic():
        return _grant(role, create=create, password=password)


def _grant(role: str, *, create: bool, password: str) -> Grants:
    connection.ensure_connection()
    raw = connection.connection
    result = Grants(role)

    def run(statement: sql.Composable) -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement.as_string(raw))

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database(), current_schema()")
        owner, database, schema = cursor.fetchone()
        if role == owner:
            raise RoleError("De applicatierol moet een andere rol zijn dan de eigenaar.")
        cursor.execute(
            "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = %s", [schema]
        )
        tables = dict(cursor.fetchall())
        if not tables.keys() >= LOG_TABLES:
            raise RoleError("De tabellen van de toegangslog ontbreken: draai eerst migrate.")
        if any(tables[name] != owner for name in LOG_TABLES):
            raise RoleError(
                f"Draai dit als de eigenaar van de tabellen ({tables[min(LOG_TABLES)]})."
            )
        cursor.execute(
            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls "
            "FROM pg_roles WHERE rolname = %s",
            [role],
        )
        found = cursor.fetchone()
    if found is None:
        if not create:
            raise RoleError(f"De rol {role} bestaat niet; maak hem met --create.")
        statement = sql.SQL(
            "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS"
        ).format(sql.Identifier(role))
        if password:
            statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(password))
        run(statement)
        result.created = True
    elif found[0]:
        raise RoleError(
            f"De rol {role} is superuser of mag rollen of databases maken: daarmee omzeilt hij "
            "de rechten. Kies een gewone rol."
        )
    _refuse_ownership_and_membership(role, owner, schema)

    target = sql.Identifier(role)
    run(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), target))
    run(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), target))
    for name in sorted(tables):
        privileges: tuple[str, ...]
        if name in LOG_TABLES:
            privileges = LOG_PRIVILEGES
        elif name in READ_ONLY_TABLES:
            privileges = READ_ONLY_PRIVILEGES
        else:
            privileges = TABLE_PRIVILEGES
        table = sql.Identifier(schema, name)
        run(sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(table, target))
        run(
            sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                sql.SQL(", ").join(sql.SQL(p) for p in privileges), table, target
            )
        )
        result.tables[name] = privileges
    run(
        sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}").format(
            sql.Identifier(schema), target
        )
    )
    run(
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
            sql.Identifier(schema), target
        )
    )
    if beyond := rights_beyond_append(role):
        raise RoleError(_beyond_message(role, beyond))
    return result


def rights_beyond_append(
    role: str | None = None, *, using: str = DEFAULT_DB_ALIAS
) -> list[tuple[str, str, str]]:
    """What ``role`` (default: the connected role) can do to the log beyond SELECT and INSERT,
    as (through which role, table, privilege), sorted; empty when nothing.

    Asked of PostgreSQL itself, so every path counts: the role's own grants, ownership, grants to
    PUBLIC, inherited roles (``pg_write_all_data``), column grants, and every role it may
    ``SET ROLE`` to (a member without INHERIT).
    """
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT r.rolname, t.name, p.privilege "
            "FROM pg_roles r "
            "CROSS JOIN unnest(%s::text[]) AS t(name) "
            "CROSS JOIN unnest(%s::text[]) AS p(privilege) "
            "WHERE (r.rolname = COALESCE(%s, current_user) "
            "       OR pg_has_role(COALESCE(%s, current_user), r.oid, 'MEMBER')) "
            "  AND (has_table_privilege(r.oid, t.name::regclass, p.privilege) "
            "       OR (p.privilege IN ('UPDATE', 'REFERENCES') "
            "           AND has_any_column_privilege(r.oid, t.name::regclass, p.privilege))) "
            "ORDER BY 1, 2, 3",
            [sorted(LOG_TABLES), list(FORBIDDEN_ON_LOG), role, role],
        )
        return [tuple(row) for row in cursor.fetchall()]


def _beyond_message(role: str, beyond: list[tuple[str, str, str]]) -> str:
    tables: dict[str, set[str]] = {}
    through: set[str] = set()
    for via, table, privilege in beyond:
        tables.setdefault(table, set()).add(privilege)
        if via != role:
            through.add(via)
    what = "; ".join(
        f"{', '.join(sorted(privileges))} op {table}"
        for table, privileges in sorted(tables.items())
    )
    via = f" (via {', '.join(sorted(through))})" if through else ""
    return (
        f"De rol {role} kan meer dan alleen lezen en toevoegen in de toegangslog: {what}{via}. "
        "Haal die rechten of dat lidmaatschap weg (bijv. REVOKE pg_write_all_data FROM "
        f"{role}) en draai dit opnieuw. Er is niets veranderd."
    )


def _refuse_ownership_and_membership(role: str, owner: str, schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND pg_get_userbyid(c.relowner) = %s",
            [schema, role],
        )
        (owned,) = cursor.fetchone()
        cursor.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [role, owner])
        (member,) = cursor.fetchone()
    if owned:
        raise RoleError(
            ngettext(
                "De rol %(role)s is eigenaar van %(n)d tabel of reeks in deze database: een "
                "eigenaar kan ALTER, TRUNCATE en DISABLE TRIGGER. Draag die over aan de eigenaar.",
                "De rol %(role)s is eigenaar van %(n)d tabellen of reeksen in deze database: een "
                "eigenaar kan ALTER, TRUNCATE en DISABLE TRIGGER. Draag ze over aan de eigenaar.",
                owned,
            )
            % {"role": role, "n": owned}
        )
    if member:
        raise RoleError(
            f"De rol {role} is lid van de eigenaarsrol {owner} en erft zo diens rechten. "
            "Haal dat lidmaatschap weg."
        )

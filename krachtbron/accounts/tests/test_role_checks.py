"""One way to check a role: permission decisions ask ``roles.has_role``.

``has_role`` also checks that the account is signed in and active; a bare ``user.role ==
Role.X`` does not, so it may only branch on a role that was already checked (which page a
teamleider starts on) or read the role of *another* account (the user a beheerder edits). This
test finds every direct comparison of a staff role in app code and requires its file and
function to be listed below with the reason it is not a permission decision. A new one that
decides access should call ``has_role`` instead; a new branch gets a line here, which a reviewer
reads.

Found are comparisons (``==``, ``!=``, ``in``, ``not in``) of ``<x>.role`` or a name ``role``
with something that names ``Role`` (``Role.BEHEERDER``, a tuple of them, ``WORKS_WITH_FAMILIES``)
or a set of roles (``item.roles``). A family member's role (``MemberRole``) is not a staff role.
"""

import ast

from krachtbron.testing.source import ROOT, app_modules

#: "<file in its app>:<function>" -> why its direct comparison is not a permission decision. The
#: app folder is left out, so an entry survives a module's move to another app.
ALLOWED = {
    "roles.py:has_role": "the one check itself",
    # Another account's role: the data being changed, not who may change it.
    "actions.py:invite_user": "the invited account's role (as beheerder: a request is filed)",
    "actions.py:update_user": "the edited account's role (the privacy-officer right goes too)",
    "actions.py:set_active": "the account switched on: a beheerder goes on only by four eyes",
    "manage_views.py:user_set_active": "the same, for the button's answer",
    "manage_views.py:user_edit": "the edited account's role before and after the form",
    "four_eyes.py:_grant": "the role the approved request gives",
    "forms.py:clean": "the role chosen on the user form (an adviser or teamleider needs a team)",
    # Branches after the view or helper checked the role (role_required, can_open_round, ...).
    "views.py:home": "which start page a signed-in user is sent to",
    "views.py:family_create": "where an adviser or teamleider goes after adding a family",
    "actions.py:create_family": "an adviser's new family goes on their own caseload",
    "permissions.py:new_round_scope": "a round's scope, after can_open_round",
    "permissions.py:visible_rounds": "a beheerder sees every round, after can_reflect",
    "views.py:round_new": "the form for a beheerder or a teamleider, after can_open_round",
    "navigation.py:nav_for": "which menu items show; every page checks access itself",
    # Demo data: choosing demo accounts, no request.
    "demo_data.py:load": "demo data",
    "demo_data.py:_staff_per_team": "demo data",
}


def _names_staff_roles(node: ast.AST) -> bool:
    for part in ast.walk(node):
        if isinstance(part, ast.Name) and part.id in {"Role", "WORKS_WITH_FAMILIES", "roles"}:
            return True
        if isinstance(part, ast.Attribute) and part.attr == "roles":
            return True
    return False


def _is_role(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "role") or (
        isinstance(node, ast.Name) and node.id == "role"
    )


def direct_role_comparisons(source: str) -> list[tuple[str, int]]:
    """``(enclosing function, line)`` of every direct staff-role comparison in ``source``."""
    found = []

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for index, operand in enumerate(operands):
                others = operands[:index] + operands[index + 1 :]
                if _is_role(operand) and any(_names_staff_roles(o) for o in others):
                    found.append((function, node.lineno))
                    break
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(ast.parse(source), "<module>")
    return found


def _all_comparisons() -> list[tuple[str, str, int]]:
    """``(path, "<file in its app>:<function>", line)`` of every comparison in app code."""
    found = []
    for path in app_modules(ROOT):
        parts = path.relative_to(ROOT).parts
        in_app = "/".join(parts[1:]) if len(parts) > 1 else parts[0]
        for function, line in direct_role_comparisons(path.read_text(encoding="utf-8")):
            found.append((path.relative_to(ROOT).as_posix(), f"{in_app}:{function}", line))
    return found


def test_permission_decisions_ask_has_role():
    unexplained = [
        f"{p}:{line} ({key})" for p, key, line in _all_comparisons() if key not in ALLOWED
    ]
    assert not unexplained, (
        "a direct comparison of user.role: use accounts.roles.has_role for a permission "
        f"decision, or add the function to ALLOWED with why it is none: {unexplained}"
    )


def test_every_allowed_function_still_compares():
    # A stale entry would let a new comparison in a function of that name pass unread.
    comparing = {key for _path, key, _line in _all_comparisons()}
    assert set(ALLOWED) <= comparing, sorted(set(ALLOWED) - comparing)


def test_it_finds_the_forms_a_permission_check_takes():
    source = """
def may_delete(user, plan):
    return user.role == Role.TEAMLEIDER and user.team_id == plan.team_id

def may_open(request):
    return request.user.role in (Role.BEHEERDER, Role.TEAMLEIDER)

def may_see(user):
    role = user.role
    return role != Role.ONDERZOEKER or user.role in WORKS_WITH_FAMILIES

def family_side(member):
    return member.role == MemberRole.PARENT and member.role in INVITABLE_ROLES
"""
    assert direct_role_comparisons(source) == [
        ("may_delete", 3),
        ("may_open", 6),
        ("may_see", 10),
        ("may_see", 10),
    ]

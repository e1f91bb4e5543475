"""``/code/``: the typed code beside a personal link (``lib.typed_code``, docs/security.md).

A family member without a camera or a working link types the code of their letter or message
here. It opens exactly what the link opens — the family questionnaire of a questionnaire
invitation, Mijn Krachtbron for a portal invitation or one-time link — through the same
functions the link uses, with the same pages for a code that was used, expired or withdrawn.
The code goes in a POST body only: never in a URL, never logged (``sensitive_post_parameters``
keeps it out of error reports, ``AXES_SENSITIVE_PARAMETERS`` out of the lockout's records).

Tries are counted per address (``lib.throttle``, its own ``Kind.CODE``): a code that could be
one but matches nothing is a guess; after ``AXES_FAILURE_LIMIT`` of them the address gets the
"Te vaak geprobeerd" page (429) for ``AXES_COOLOFF_TIME``, a good code included. A typing
mistake that cannot be a code (wrong length, a letter no code has) never reaches the database
and does not count. A code that opens something does not reset the count (a questionnaire's
code works until it is filled in: it would reset a guesser's count for free). Each code is
limited on its own too (``throttle.code_tried_too_often``): ``AXES_FAILURE_LIMIT`` tries per
``AXES_COOLOFF_TIME`` from all addresses together, so a code that got around cannot be used
again and again; a real code that ended counts per invitation in the access log (a refused
access), as its link does.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from krachtbron.lib import family_language, throttle
from krachtbron.portal import actions, language
from krachtbron.portal.actions import LinkProblem
from krachtbron.portal.code_forms import CodeForm
from krachtbron.portal.views import PROBLEM, refused, use_link
from krachtbron.questionnaires.actions import find_invitation_by_code
from krachtbron.questionnaires.views.family import open_invitation


def _page(request: HttpRequest, form: CodeForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "staff_signed_in": request.user.is_authenticated}
    return render(request, "portal/code.html", context, status=status)


@login_not_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: open what the code belongs to, or the form again with a message
    and the typed text (400), or 429 when this address has guessed too often."""
    if request.method != "POST":
        return _page(request, CodeForm())
    if throttle.is_locked(request, throttle.Kind.CODE):
        return family_language.problem_page(request, PROBLEM, LinkProblem.THROTTLED)
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    code: str = form.cleaned_data["code"]
    if throttle.code_tried_too_often(code):
        return family_language.problem_page(request, PROBLEM, LinkProblem.THROTTLED)
    invitation = find_invitation_by_code(code)
    if invitation is not None:
        return open_invitation(request, invitation)
    link = actions.find_link_by_code(code)
    if link is not None:
        family_language.show(request, language.language_of(link.member))
        problem = refused(link)
        if problem is not None:
            return family_language.problem_page(request, PROBLEM, problem)
        return use_link(request, link)
    if throttle.failed(request, throttle.Kind.CODE):
        return family_language.problem_page(request, PROBLEM, LinkProblem.THROTTLED)
    form.unknown()
    return _page(request, form, status=400)

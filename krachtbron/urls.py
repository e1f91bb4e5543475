from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from krachtbron.lib import views as lib_views
from krachtbron.portal import views as portal_views

urlpatterns = [
    # The start page: staff to their role's page, a signed-in family member to Ons plan.
    path("", portal_views.start, name="home"),
    path("gezondheid/", lib_views.health, name="health"),
    path("gezondheid/live/", lib_views.live, name="health_live"),
    path("taal/", login_not_required(require_POST(set_language)), name="set_language"),
    path("toegankelijkheid/", lib_views.accessibility, name="accessibility"),
    # Mijn Krachtbron first, then the family questionnaire: Django tries the includes in this
    # order, and every include a path passes costs (it lists all its routes as "tried": some
    # 70 µs for the questionnaire behind accounts, families and audit); the family's own pages
    # are the ones requested most (docs/mijn-krachtbron.md, "Snelheid"; every autosave and
    # submit). No route of one include matches a path of another (lib/tests/test_url_order.py),
    # so the order changes no URL.
    path("", include("krachtbron.portal.urls")),
    path("", include("krachtbron.questionnaires.urls")),
    path("", include("krachtbron.accounts.urls")),
    path("", include("krachtbron.families.urls")),
    path("", include("krachtbron.audit.urls")),
    path("", include("krachtbron.strengths.urls")),
    path("", include("krachtbron.network.urls")),
    path("", include("krachtbron.aftercare.urls")),
    path("", include("krachtbron.sending.urls")),
    path("", include("krachtbron.reflection.urls")),
    path("", include("krachtbron.insight.urls")),
    path("", include("krachtbron.research.urls")),
    path("", include("krachtbron.knowledge.urls")),
    path("", include("krachtbron.networkplan.urls")),
]

handler400 = "krachtbron.lib.views.bad_request"
handler403 = "krachtbron.lib.views.permission_denied"
handler404 = "krachtbron.lib.views.page_not_found"
handler500 = "krachtbron.lib.views.server_error"

if settings.BENCH_URLS:  # floor views for `make bench` only, never in a normal deployment
    urlpatterns.append(path("bench/", include("bench.urls")))

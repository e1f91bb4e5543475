from django.urls import path, re_path

from krachtbron.portal import (
    agreement_views,
    code_views,
    dossier_staff,
    dossier_views,
    followup_views,
    network_staff,
    network_views,
    networkplan_views,
    plan_download,
    plan_staff,
    plan_views,
    questionnaire_views,
    share_send_views,
    staff_views,
    views,
)

app_name = "portal"

urlpatterns = [
    # Family members (Mijn Krachtbron): every URL starts with /mijn/ (family pages:
    # Referrer-Policy no-referrer) and holds no personal data; a token only in a link's path.
    path("mijn/", plan_views.home, name="home"),
    # Ons plan (plan_views): a goal in your own words, a 0-10 score, "hier wil ik over praten".
    path("mijn/doel/nieuw/", plan_views.goal_add, name="goal_add"),
    path("mijn/doel/<int:pk>/cijfer/", plan_views.goal_score, name="goal_score"),
    path("mijn/doel/<int:pk>/praten/", plan_views.goal_talk, name="goal_talk"),
    # A goal the member wrote: correct it, or take it back (own_goals: the rules).
    path("mijn/doel/<int:pk>/aanpassen/", plan_views.goal_edit, name="goal_edit"),
    path("mijn/doel/<int:pk>/terugnemen/", plan_views.goal_take_back, name="goal_take_back"),
    path("mijn/cijfer/<slug:dimension>/", plan_views.dimension_score, name="dimension_score"),
    path("mijn/antwoord/<int:pk>/praten/", plan_views.answer_talk, name="answer_talk"),
    # Afspraken (agreement_views): what we agreed, add one, its status, an aanspreekpunt.
    path("mijn/afspraken/", agreement_views.agreements, name="agreements"),
    path("mijn/afspraken/nieuw/", agreement_views.agreement_add, name="agreement_add"),
    path(
        "mijn/afspraken/<int:pk>/stand/",
        agreement_views.agreement_status,
        name="agreement_status",
    ),
    path(
        "mijn/afspraken/aanspreekpunt/<int:pk>/",
        agreement_views.agreement_contact,
        name="agreement_contact",
    ),
    # Onze mensen (network_views): the network, a proposed person, who stays after the help.
    path("mijn/mensen/", network_views.people, name="people"),
    path("mijn/mensen/voorstellen/", network_views.propose, name="people_propose"),
    path("mijn/mensen/<int:pk>/blijft/", network_views.stays, name="people_stays"),
    path(
        "mijn/mensen/voorstel/<int:pk>/intrekken/",
        network_views.withdraw,
        name="people_withdraw",
    ),
    # Ons netwerkplan (networkplan_views): the plan, its PDF, shares and consent.
    path("mijn/netwerkplan/", networkplan_views.network_plan, name="network_plan"),
    path("mijn/netwerkplan/pdf/", networkplan_views.pdf, name="network_plan_pdf"),
    path("mijn/netwerkplan/bellen/", networkplan_views.call_add, name="network_plan_call"),
    path(
        "mijn/netwerkplan/bellen/<int:pk>/weg/",
        networkplan_views.call_remove,
        name="network_plan_call_remove",
    ),
    path("mijn/netwerkplan/doelen/", networkplan_views.goals, name="network_plan_goals"),
    path("mijn/netwerkplan/klaar/", networkplan_views.ready, name="network_plan_ready"),
    path("mijn/netwerkplan/delen/", networkplan_views.share_new, name="share_new"),
    path(
        "mijn/netwerkplan/delen/<int:pk>/stoppen/",
        networkplan_views.share_withdraw,
        name="share_withdraw",
    ),
    path(
        "mijn/netwerkplan/delen/<int:pk>/toestemming/",
        networkplan_views.share_consent,
        name="share_consent",
    ),
    path(
        "mijn/netwerkplan/delen/<int:pk>/afdrukken/",
        networkplan_views.share_print,
        name="share_print",
    ),
    path("mijn/netwerkplan/delen/<int:pk>/pdf/", networkplan_views.share_pdf, name="share_pdf"),
    # Sending a share's link by e-mail or SMS, or looking at it together (share_send_views).
    path("mijn/netwerkplan/delen/<int:pk>/sturen/", share_send_views.share_send, name="share_send"),
    path(
        "mijn/netwerkplan/delen/<int:pk>/samen-bekijken/",
        share_send_views.share_together,
        name="share_together",
    ),
    path(
        "mijn/netwerkplan/berichten/<int:pk>/opnieuw/",
        share_send_views.share_send_again,
        name="share_send_again",
    ),
    re_path(r"^mijn/l/(?P<token>.*)$", views.open_link, name="open"),
    # The typed code beside a personal link (code_views): opens what the link opens.
    path("code/", code_views.enter_code, name="code"),
    # Nazorg (followup_views): a check-in at 1, 3 and 6 months after the help closed.
    path("mijn/nazorg/<int:pk>/", followup_views.followup, name="followup"),
    path("mijn/nazorg/<int:pk>/klaar/", followup_views.followup_done, name="followup_done"),
    # Vragenlijsten (questionnaire_views): open questionnaires as tasks, the member's results.
    path("mijn/vragenlijsten/", questionnaire_views.questionnaires, name="questionnaires"),
    path(
        "mijn/vragenlijsten/<int:pk>/beginnen/",
        questionnaire_views.questionnaire_begin,
        name="questionnaire_begin",
    ),
    path(
        "mijn/vragenlijsten/uitslag/<int:pk>/",
        questionnaire_views.questionnaire_result,
        name="questionnaire_result",
    ),
    # Ons dossier (dossier_views): privacy, who looked, the copy, "dit klopt niet".
    path("mijn/dossier/", dossier_views.dossier, name="dossier"),
    path("mijn/dossier/klopt-niet/", dossier_views.correction, name="correction"),
    path("mijn/dossier/kopie/", dossier_views.copy, name="copy"),
    path("mijn/dossier/kopie/<int:file_id>/", dossier_views.copy_file, name="copy_file"),
    path(
        "mijn/dossier/kopie/<int:file_id>/download/",
        dossier_views.copy_file_download,
        name="copy_file_download",
    ),
    path("mijn/dossier/taal/", dossier_views.choose_language, name="language"),
    path("mijn/plan.pdf", plan_download.plan_pdf_download, name="plan_pdf"),
    path("mijn/welkom/", views.welcome, name="welcome"),
    path("mijn/inloggen/", views.sign_in, name="sign_in"),
    path("mijn/uitloggen/", views.sign_out, name="sign_out"),
    # Adviser: the "Mijn Krachtbron" tab of the family file.
    path("gezinnen/<int:pk>/mijn-krachtbron/", staff_views.family_tab, name="family"),
    path("gezinsleden/<int:pk>/mijn-krachtbron/uitnodigen/", staff_views.invite, name="invite"),
    path(
        "gezinsleden/<int:pk>/mijn-krachtbron/eenmalige-link/",
        staff_views.one_time_link,
        name="one_time",
    ),
    path(
        "gezinsleden/<int:pk>/mijn-krachtbron/sleutels-intrekken/",
        staff_views.revoke_passkeys,
        name="revoke_passkeys",
    ),
    path(
        "correctieverzoeken/<int:pk>/beantwoorden/",
        dossier_staff.answer,
        name="correction_answer",
    ),
    path("portaal-links/<int:pk>/intrekken/", staff_views.withdraw, name="withdraw"),
    path(
        "netwerkvoorstellen/<int:pk>/bevestigen/",
        network_staff.confirm,
        name="network_confirm",
    ),
    path(
        "netwerkvoorstellen/<int:pk>/niet-overnemen/",
        network_staff.decline,
        name="network_decline",
    ),
    path("onderwerpen/<int:pk>/besproken/", plan_staff.talk_done, name="talk_done"),
    path("portaal-links/<int:pk>/afdrukken/", staff_views.print_link, name="print"),
    path("portaal-links/<int:pk>/pdf/", staff_views.link_pdf, name="pdf"),
    path("portaal-links/<int:pk>/mailen/", staff_views.send_email, name="send_email"),
]

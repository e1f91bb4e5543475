from django.urls import path

from krachtbron.knowledge import plan_views, views

app_name = "knowledge"

urlpatterns = [
    # The kennisbank. Fixed words come before <slug:page_id> (content ids cannot take them).
    path("kennisbank/", views.index, name="index"),
    path("kennisbank/zoeken/", views.search_view, name="search"),
    path("kennisbank/waaier/", views.cards, name="cards"),
    path("kennisbank/waaier/afdrukken/", views.cards_print, name="cards_print"),
    path("kennisbank/waaier/<slug:card_id>/", views.card, name="card"),
    path("kennisbank/<slug:page_id>/", views.page, name="page"),
    # Team conversations.
    path("gesprekken/", plan_views.team_plans, name="plans"),
    path("gesprekken/nieuw/", plan_views.team_plan_create, name="plan_create"),
    path("gesprekken/<int:pk>/", plan_views.team_plan, name="plan"),
    path("gesprekken/<int:pk>/voorbereiding/", plan_views.team_plan_edit, name="plan_edit"),
    path("gesprekken/<int:pk>/verslag/", plan_views.team_plan_record, name="plan_record"),
    path("gesprekken/<int:pk>/verwijderen/", plan_views.team_plan_delete, name="plan_delete"),
    # Conversations with a family: part of the family file.
    path("gezinnen/<int:pk>/gesprekken/", plan_views.family_plans, name="family_plans"),
    path(
        "gezinnen/<int:pk>/gesprekken/nieuw/",
        plan_views.family_plan_create,
        name="family_plan_create",
    ),
    path("gezinsgesprekken/<int:pk>/", plan_views.family_plan, name="family_plan"),
    path(
        "gezinsgesprekken/<int:pk>/voorbereiding/",
        plan_views.family_plan_edit,
        name="family_plan_edit",
    ),
    path(
        "gezinsgesprekken/<int:pk>/verslag/",
        plan_views.family_plan_record,
        name="family_plan_record",
    ),
    path(
        "gezinsgesprekken/<int:pk>/verwijderen/",
        plan_views.family_plan_delete,
        name="family_plan_delete",
    ),
]

"""Template helpers of the family file: links to knowledge pages that may not exist yet."""

from django import template
from django.urls import NoReverseMatch, reverse

from krachtbron.strengths.prompts import prompts_for

register = template.Library()


@register.simple_tag
def knowledge_url(page_id: str) -> str:
    """The URL of a knowledge page, or "" while the knowledge app does not serve it."""
    try:
        return reverse("knowledge:page", args=[page_id])
    except NoReverseMatch:
        return ""


@register.inclusion_tag("strengths/_prompts.html")
def conversation_prompts(part: str) -> dict[str, object]:
    return {"prompts": prompts_for(part), "part": part}

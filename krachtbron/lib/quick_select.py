"""A select list rendered in Python: the same HTML as Django's ``Select`` with this project's
widget templates (``templates/django/forms/widgets/select_option.html`` isolates each label),
without a template include per option.

For long lists on pages that are opened often: the 50 moments of a network are two selects of
51 options on the Netwerk tab, 8 ms of template work per request before (issue 18).
``tests/test_quick_select.py`` renders both ways and compares them.
"""

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from krachtbron.lib.bidi import isolate


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                value_text = conditional_escape(str(option["value"]))
                label = conditional_escape(isolate(option["label"]))
                attributes = _attrs(option["attrs"])
                parts.append(f'\n  \n<option value="{value_text}"{attributes}>{label}</option>\n')
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped

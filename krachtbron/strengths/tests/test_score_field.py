"""The 0-10 score field: a form's copy shares the fixed choices, nothing a form can change."""

from krachtbron.portal.plan_forms import OwnScoreForm
from krachtbron.strengths.forms import SCORE_CHOICES, ScalingForm


def test_each_form_has_its_own_field_and_widget_with_the_whole_scale():
    first, second = OwnScoreForm(), OwnScoreForm(score_label="Hoe ver is het doel?")
    one, two = first.fields["score"], second.fields["score"]
    assert one is not two and one.widget is not two.widget
    assert one is not OwnScoreForm.base_fields["score"]
    assert one.label != two.label == "Hoe ver is het doel?"
    assert [value for value, _label in one.choices] == [str(n) for n in range(11)]
    assert list(one.widget.choices) == list(two.choices) == list(SCORE_CHOICES)
    # What a form may change is its own: attributes, error messages, validators, choices.
    one.widget.attrs["class"] = "other"
    one.error_messages["required"] = "anders"
    one.validators.append(lambda value: None)
    one.choices = [("1", "1")]
    assert two.widget.attrs["class"] == "scale"
    assert two.error_messages["required"] != "anders" and two.validators == []
    assert len(two.choices) == len(two.widget.choices) == 11
    assert len(OwnScoreForm().fields["score"].choices) == 11


def test_the_form_still_takes_only_the_scale():
    for score, valid in (("0", True), ("10", True), ("11", False), ("-1", False), ("", False)):
        form = OwnScoreForm({"score": score})
        assert form.is_valid() is valid, score
        if valid:
            assert form.cleaned_data["score"] == int(score)
    html = str(ScalingForm()["score"])
    assert html.count('type="radio"') == 11 and 'class="scale"' in html

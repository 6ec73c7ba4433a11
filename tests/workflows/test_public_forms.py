"""The public forms answer odd input with a field error, never a server error."""

import pytest
from django import forms

from workflows.public import forms as public_forms

from .test_public_intake import assert_nothing_stored, form_data

pytestmark = pytest.mark.django_db

TOO_LARGE_FOR_ANY_COLUMN = "1000000000000000000000000000000"
PUBLIC_FORMS = [
    form
    for form in vars(public_forms).values()
    if isinstance(form, type)
    and issubclass(form, forms.BaseForm)
    and form.__module__ == public_forms.__name__
]
MODEL_CHOICE_FIELDS = [
    (form, name)
    for form in PUBLIC_FORMS
    for name, field in form.base_fields.items()
    if isinstance(field, forms.ModelChoiceField)
]


def test_the_public_forms_have_model_choice_fields_to_check():
    assert {name for _, name in MODEL_CHOICE_FIELDS} >= {"challenge_areas", "municipality"}


@pytest.mark.parametrize(
    "key", [TOO_LARGE_FOR_ANY_COLUMN, "-" + TOO_LARGE_FOR_ANY_COLUMN, "9223372036854775808"]
)
@pytest.mark.parametrize(
    ("form", "name"), MODEL_CHOICE_FIELDS, ids=lambda item: getattr(item, "__name__", item)
)
def test_a_key_no_column_can_hold_is_an_invalid_choice(taxonomy, form, name, key):
    field = form().fields[name]
    value = [key] if isinstance(field, forms.ModelMultipleChoiceField) else key
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(value)
    assert refused.value.code == "invalid_choice"


@pytest.mark.parametrize(
    ("field", "value"),
    [("challenge_areas", [TOO_LARGE_FOR_ANY_COLUMN]), ("municipality", TOO_LARGE_FOR_ANY_COLUMN)],
)
def test_the_intake_answers_a_huge_choice_with_a_field_error_and_stores_nothing(
    client, intake, site_tree, private_media, field, value
):
    page = intake[0]
    response = client.post(page.url, form_data(client, page, site_tree, **{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'id="id_{field}_error"' in html
    assert "Välj ett giltigt alternativ" in html
    assert_nothing_stored(private_media)

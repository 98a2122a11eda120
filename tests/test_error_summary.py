"""A refused form opens with one error summary that links to its fields, whether the
form is rendered whole or its template includes the summary itself."""

from django import forms
from django.template import engines


class TitleForm(forms.Form):
    title = forms.CharField(label="Title")

    def clean(self):
        if not self.cleaned_data.get("title"):
            raise forms.ValidationError("Something is off.")
        return self.cleaned_data


def render(source: str, form) -> str:
    return engines["django"].from_string(source).render({"form": form})


def test_a_form_rendered_whole_opens_with_its_summary():
    html = render("{{ form }}", TitleForm(data={}))
    assert html.count("data-error-summary") == 1
    assert '<a href="#id_title">Title: This field is required.</a>' in html
    # Its own errors are in the summary, so no second alert says them again.
    assert html.count("Something is off.") == 1
    assert html.count('role="alert"') == 1


def test_a_template_that_shows_the_summary_gets_no_second_one():
    html = render('{% include "partials/error_summary.html" %}{{ form }}', TitleForm(data={}))
    assert html.count("data-error-summary") == 1
    assert html.count("Something is off.") == 1


def test_a_form_without_errors_has_no_summary():
    assert "data-error-summary" not in render("{{ form }}", TitleForm())
    assert "data-error-summary" not in render("{{ form }}", TitleForm(data={"title": "Hui"}))

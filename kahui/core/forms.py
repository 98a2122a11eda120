from django import forms
from django.forms.renderers import TemplatesSetting


class KahuiFormRenderer(TemplatesSetting):
    """Render every form with the design system's field markup (labels, help,
    errors tied to inputs with aria-describedby)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class UniqueIds:
    """For forms that share a page: ids start with ``id_prefix`` so no two inputs
    on the page have the same id (labels then point at the right input)."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)

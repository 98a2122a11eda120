from django.forms.renderers import TemplatesSetting


class KahuiFormRenderer(TemplatesSetting):
    """Render every form with the design system's field markup (labels, help,
    errors tied to inputs with aria-describedby)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

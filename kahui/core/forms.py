import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.forms.formsets import TOTAL_FORM_COUNT, ManagementForm
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kahui.core.errors import KahuiError


class KahuiFormRenderer(TemplatesSetting):
    """Render every form with the design system's field markup (labels, help,
    errors tied to inputs with aria-describedby)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class MarkdownTextarea(forms.Textarea):
    """A textarea for Markdown with a “Write | Preview” switch. The switch appears only
    once its script runs (``js/markdown-preview.js``), which asks the preview URL
    (``core:markdown_preview``) for the rendered text; without JavaScript it is a
    plain textarea."""

    template_name = "forms/widgets/markdown.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview_url"] = reverse("core:markdown_preview")
        return context


def shown_when(field: str, *values: str) -> dict[str, str]:
    """Widget attributes that hide a field unless the form's ``field`` has one of
    ``values`` ("*": any value; static/js/show-fields.js). Without JavaScript every
    field shows, so the form's ``clean`` must still decide what is needed."""
    return {"data-shown-by": field, "data-show-for": " ".join(values)}


def searchable_attrs() -> dict[str, str]:
    """Widget attributes that make a select (single or multiple) searchable
    (static/js/searchable-select.js, Tom Select); without JavaScript it stays a
    plain select."""
    return {"data-searchable": "", "data-no-results": _("Nothing matches")}


def make_searchable(*fields: forms.Field) -> None:
    """Mark the selects of ``fields`` searchable: long lists of time zones, people,
    organisations or groups."""
    for field in fields:
        field.widget.attrs.update(searchable_attrs())


class SearchableSelect(forms.Select):
    """A select that types to search once JavaScript runs."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({**searchable_attrs(), **(attrs or {})}, choices)


class SearchableSelectMultiple(forms.SelectMultiple):
    """A multiple select that types to search and shows the chosen as removable
    chips once JavaScript runs."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({**searchable_attrs(), **(attrs or {})}, choices)


class UniqueIds:
    """For forms that share a page: ids start with ``id_prefix`` so no two inputs
    on the page have the same id (labels then point at the right input)."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class BlankRowsSkipped(forms.BaseFormSet):
    """A formset whose rows left blank are skipped, not refused: the starter rows and
    the row “Add another” makes must not force anyone to fill them. Subclasses say in
    ``clean`` how many rows they need."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "empty_permitted": True}


class EmailListField(forms.CharField):
    """Email addresses separated by commas, semicolons, spaces or new lines."""

    widget = forms.Textarea(attrs={"rows": 4, "autocomplete": "off"})
    # Invitations go out to these addresses: a long list is more likely a paste gone wrong.
    max_addresses = 60

    def to_python(self, value) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part for part in re.split(r"[\s,;]+", text) if part]

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        bad = []
        for address in value:
            try:
                validate_email(address)
            except ValidationError:
                bad.append(address)
        if bad:
            raise ValidationError(
                ngettext(
                    "This is not an email address: %(list)s",
                    "These are not email addresses: %(list)s",
                    len(bad),
                )
                % {"list": ", ".join(bad)},
                code="invalid",
            )
        if len(value) > self.max_addresses:
            raise ValidationError(
                _("Invite at most %(n)d people at a time.") % {"n": self.max_addresses},
                code="too_many",
            )

    def run_validators(self, value) -> None:
        # The length limits of CharField apply to the text, checked per address above.
        return None


# Typed, but not a count: “Add another” and Save cannot trust the rows' number.
BROKEN_ROW_COUNT = _(
    "Part of this form arrived damaged, so nothing was saved. Check the rows below and save again."
)


@dataclass(frozen=True)
class TypedRows:
    rows: list[dict[str, str]]
    broken: bool
    """True when the formset's management form (its hidden row count) was missing,
    negative or not a number: the rows were then found from the field names instead."""


def typed_rows(data, *, prefix: str, fields: Sequence[str], limit: int) -> TypedRows:
    """The rows of a posted formset exactly as typed, to draw the form again
    (“Add another”, or a refused save) without losing anything."""
    management = ManagementForm(data, prefix=prefix)
    if management.is_valid() and management.cleaned_data[TOTAL_FORM_COUNT] >= 0:
        count = management.cleaned_data[TOTAL_FORM_COUNT]
        broken = False
    else:
        row_key = re.compile(rf"^{re.escape(prefix)}-(\d+)-")
        indexes = [int(m[1]) for key in data if (m := row_key.match(key))]
        count = max(indexes, default=-1) + 1
        broken = True
    rows = [
        {name: data.get(f"{prefix}-{index}-{name}", "") for name in fields}
        for index in range(max(0, min(count, limit)))
    ]
    return TypedRows(rows=rows, broken=broken)


def formset_as_typed(
    formset_class,
    data,
    *,
    prefix: str,
    fields: Sequence[str],
    blank: Callable[[list[dict]], dict] = lambda rows: {},
    limit: int = 30,
) -> tuple[forms.BaseFormSet, int] | None:
    """For a posted formset that is not to be saved as is, the rows drawn again as
    typed, with the status to answer: one more blank row for “Add another” (200),
    or an error when the hidden row count was damaged (400). None when neither:
    bind the formset and save as usual."""
    typed = typed_rows(data, prefix=prefix, fields=fields, limit=limit)
    adding = "add" in data
    if not typed.broken and not adding:
        return None
    rows = [
        {**row, "DELETE": bool(row["DELETE"])} if "DELETE" in row else row for row in typed.rows
    ]
    if adding or not rows:
        rows.append(blank(rows))
    formset = formset_class(initial=rows, prefix=prefix)
    if typed.broken:
        formset._non_form_errors = formset.error_class([BROKEN_ROW_COUNT])
        return formset, 400
    return formset, 200


def form_saved(
    request: HttpRequest, form: forms.Form, save: Callable[[], object], message: str
) -> bool:
    """The middle of a view that changes something with a form: when ``form`` is
    valid, ``save`` calls the service (reading ``form.cleaned_data``); a
    :class:`KahuiError` it raises becomes the form's own error, and a success shows
    ``message``. Returns whether it was saved: the view then redirects, or else draws
    the form again, which still holds what was typed and says what is wrong."""
    if not form.is_valid():
        return False
    try:
        save()
    except KahuiError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, message)
    return True

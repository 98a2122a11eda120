from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kahui.accounts.choices import SUBJECTS, YEAR_LEVELS, EducatorRole, time_zone_choices
from kahui.accounts.models import Profile
from kahui.accounts.pictures import MAX_BYTES, PictureError, check_picture
from kahui.accounts.services import profile_ensure
from kahui.core.focus_areas import FocusAreaNamesField
from kahui.core.forms import SearchableSelect
from kahui.core.languages import offered_languages
from kahui.core.models import FocusArea
from kahui.orgs.models import Organisation


class SignupDetailsForm(forms.Form):
    """Extra fields on the sign-up page, added to allauth's email and password."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        help_text=_("How colleagues will see you, e.g. “Aroha Ngata” or “Mr de Vries”."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    role = forms.ChoiceField(label=_("Your role"), choices=EducatorRole.choices)
    field_order = ["display_name", "email", "role", "password1", "password2"]

    def signup(self, request, user) -> None:
        self.ensure_profile(
            request,
            user,
            display_name=self.cleaned_data["display_name"].strip(),
            role=self.cleaned_data["role"],
        )

    @staticmethod
    def ensure_profile(request, user, *, display_name: str, role: str | None) -> None:
        """The new account's profile, in the language the page was shown in. Signing up
        with a school account (SSO) makes it the same way, from the provider's name."""
        picked = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        profile_ensure(
            user=user,
            display_name=display_name,
            **({"role": role} if role else {}),
            language=_supported_language(getattr(request, "LANGUAGE_CODE", "")),
            # Picked on the language switcher before signing up: their own choice,
            # which an organisation's default language does not override.
            language_chosen=picked in dict(settings.LANGUAGES),
        )


def _supported_language(code: str) -> str:
    code = (code or "")[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class LanguageForm(forms.Form):
    """The language switcher: one of the interface languages."""

    language = forms.ChoiceField(label=_("Language"), choices=offered_languages)


# The profile form's fields in order: the profile's own, and the interests typed anew.
PROFILE_FIELDS = [
    "display_name",
    "role",
    "organisation",
    "subjects",
    "year_levels",
    "interests",
    "new_interests",
    "time_zone",
    "language",
    "bio",
    "findable",
]


class ProfileForm(forms.ModelForm):
    subjects = forms.MultipleChoiceField(
        label=_("Subjects / learning areas"),
        choices=SUBJECTS,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
    )
    year_levels = forms.MultipleChoiceField(
        label=_("Year levels"),
        choices=YEAR_LEVELS,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Interests and focus areas"),
        queryset=FocusArea.objects.accepted(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
        help_text=_("Kāhui uses these to suggest groups and colleagues."),
    )
    new_interests = FocusAreaNamesField(
        label=_("Other interests"),
        required=False,
        max_length=300,
        help_text=_(
            "Separate with commas, e.g. “oral language, restorative practice”. New ones stay "
            "on your profile until your organisation's coordinators add them to the shared "
            "list."
        ),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=time_zone_choices, widget=SearchableSelect
    )
    field_order = PROFILE_FIELDS

    class Meta:
        model = Profile
        fields = [name for name in PROFILE_FIELDS if name != "new_interests"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["organisation"].queryset = Organisation.objects.for_user(user)
        self.fields["organisation"].help_text = _("Join an organisation first to choose it here.")
        # The shared list, and the person's own interests that still wait for review.
        self.fields["interests"].queryset = FocusArea.objects.offered(
            held=self.instance.interests.all() if self.instance.pk else None
        )
        # Offer only the languages someone has translated the interface into.
        self.fields["language"].choices = offered_languages(self.instance.language)


PICTURE_ERRORS = {
    "too-large": _("The picture is larger than 8 MB. Choose a smaller one."),
    "format": _("Choose a JPEG, PNG, WebP or GIF picture."),
    "too-many-pixels": _("The picture has too many pixels. Choose a smaller one."),
    "unreadable": _("This file is not a picture Kāhui can read. Choose a JPEG, PNG, WebP or GIF."),
}


def picture_error(error: PictureError) -> str:
    return str(PICTURE_ERRORS.get(str(error), PICTURE_ERRORS["unreadable"]))


class PictureForm(forms.Form):
    """A new profile picture; it is cropped square and made small when saved."""

    picture = forms.FileField(
        label=_("Choose a picture"),
        help_text=_(
            "A JPEG, PNG, WebP or GIF up to 8 MB. It is cropped to a square around its middle."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )

    def clean_picture(self):
        upload = self.cleaned_data["picture"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(PICTURE_ERRORS["too-large"], code="too-large")
        data = upload.read()
        try:
            check_picture(data)
        except PictureError as error:
            raise forms.ValidationError(picture_error(error), code=str(error)) from error
        return data

"""The member with the learning record reads her groups into a spreadsheet through the
API: she has a read-only token (its secret was shown once and is known to nobody)."""

from typing import Any

from kahui.api import services
from kahui.api.models import ApiToken
from kahui.demo.data.recognition import RECORD_PERSON

TOKEN_NAME = "Term report spreadsheet"


def api_token(builder: Any) -> None:
    person = builder.users[RECORD_PERSON]
    if not ApiToken.objects.filter(user=person, name=TOKEN_NAME).exists():
        services.token_create(user=person, name=TOKEN_NAME)

"""One JSON shape for every error the API answers:

    {"error": {"code": "not_found", "message": "…", "fields": {"body": ["…"]}}}

``fields`` is there only for invalid input. Domain errors from services (KahuiError)
become 409, or 403 when the rule is who may do it (NotAllowed)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from kahui.api.auth import ReadOnlyToken
from kahui.core.errors import KahuiError, NotAllowed

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    429: "rate_limited",
}


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def _fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        # ("body", "payload", "text") → "text"; ("query", "page_size") → "page_size"
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in {"body", "query", "path", "header", "cookie"}:
            loc = loc[1:]
        if loc and loc[0] == "payload":
            loc = loc[1:]
        fields.setdefault(".".join(loc) or "request", []).append(str(error.get("msg", "")))
    return fields


def install(api: NinjaAPI) -> None:
    """Answer every error of ``api`` in the one shape."""

    def respond(request: HttpRequest, status: int, body: dict) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(
            request, 422, error_body("invalid", _("The request is not valid."), _fields(exc.errors))
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = CODES.get(exc.status_code, "error")
        message = str(exc)
        if isinstance(exc, AuthenticationError):
            message = _("Sign in, or send a valid token: Authorization: Bearer <token>.")
        elif isinstance(exc, ReadOnlyToken):
            code = "read_only_token"
        elif isinstance(exc, Throttled):
            message = _("Too many requests. Wait, then try again.")
        elif exc.status_code == 403 and "CSRF" in message:
            code = "csrf_failed"
            message = _("The CSRF token is missing or wrong. Send X-CSRFToken with writes.")
        return respond(request, exc.status_code, error_body(code, message))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body("not_found", _("Not found.")))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or _("You may not do this.")
        return respond(request, 403, error_body("forbidden", message))

    @api.exception_handler(KahuiError)
    def refused(request: HttpRequest, exc: KahuiError) -> HttpResponse:
        if isinstance(exc, NotAllowed):
            return respond(request, 403, error_body("forbidden", exc.message))
        return respond(request, 409, error_body("conflict", exc.message))


@csrf_exempt  # it changes nothing; a program's POST gets the 404, not the CSRF page
def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any address under /api/v1/ that is no operation: 404 in the one shape, not
    Django's page. As Django's CommonMiddleware would, a GET of an operation's address
    without its final slash is sent to it (the catch-all otherwise stops that)."""
    if (
        settings.APPEND_SLASH
        and request.method in {"GET", "HEAD"}
        and not request.path_info.endswith("/")
    ):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not unknown_path:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    body = error_body("not_found", _("There is no such operation. See /api/v1/docs."))
    return JsonResponse(body, status=404)


def json_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``view`` (an operation's address), answering a method it does not take with 405
    in the one shape and the ``Allow`` header, rather than ninja's plain text."""

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            message = _("This address takes %(methods)s.") % {"methods": allowed}
            response = JsonResponse(error_body("method_not_allowed", message), status=405)
            response["Allow"] = allowed
        return response

    return answer

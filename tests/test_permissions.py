"""The permission matrix: every URL of Kāhui, walked as every persona, gives the
designed answer. A new URL without a row here fails ``test_matrix_covers_every_url``."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kahui.accounts import services as account_services
from kahui.api import services as api_services
from kahui.coaching import services as coaching_services
from kahui.core.models import PdfExport, PdfExportStatus
from kahui.discussions import services as discussion_services
from kahui.groups.models import GroupInvite, GroupSupporter, JoinRequest
from kahui.health.models import HealthCheck
from kahui.inquiry import services as inquiry_services
from kahui.inquiry.models import GoalMeasure
from kahui.library import services as library_services
from kahui.meetings import services as meeting_services
from kahui.meetings.models import AgendaTemplate, MeetingGuest
from kahui.notifications.models import Notification
from kahui.notifications.services import unsubscribe_token
from kahui.orgs.models import LearningObjective, OrgDomain, OrgInvite, SchoolPeriod
from kahui.programmes.models import Programme
from kahui.proposals import services as proposal_services
from kahui.recognition import services as recognition_services
from kahui.reflection import services as reflection_services
from kahui.rights.models import DataExport, ExportStatus
from kahui.roster.services import roster_preview
from kahui.voice import services as voice_services
from kahui.webhooks import services as webhook_services
from kahui.webhooks.models import Delivery as WebhookDelivery
from kahui.webhooks.models import Event as WebhookEvent
from tests.conftest import make_meeting, make_poll, make_user, tiny_png
from tests.formation.factories import make_run
from tests.programmes.factories import make_programme

PERSONAS = ["anonymous", "outsider", "colleague", "member", "facilitator", "coordinator", "admin"]
LOGIN = "login"  # a redirect to the log-in page

# (method, expected answers in the order of PERSONAS)
ANYONE_SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
GROUP_DISCOVER = (LOGIN, 404, 200, 200, 200, 200, 200)
GROUP_DISCOVER_POST = (LOGIN, 404, 302, 302, 302, 302, 302)
GROUP_OVERSEE = (LOGIN, 404, 403, 200, 200, 200, 200)
GROUP_MEMBER_POST = (LOGIN, 404, 403, 302, 302, 403, 403)
GROUP_FACILITATE = (LOGIN, 404, 403, 403, 200, 403, 403)
GROUP_FACILITATE_POST = (LOGIN, 404, 403, 403, 302, 403, 403)
GROUP_MEMBER = (LOGIN, 404, 403, 200, 200, 403, 403)
# an empty form posted by someone allowed to post it: 400 with the form errors
GROUP_MEMBER_POST_INVALID = (LOGIN, 404, 403, 400, 400, 403, 403)
GROUP_FACILITATE_POST_INVALID = (LOGIN, 404, 403, 403, 400, 403, 403)
PUBLIC = (200, 200, 200, 200, 200, 200, 200)
ORG_MEMBER = (LOGIN, 404, 200, 200, 200, 404, 200)
ORG_ADMIN = (LOGIN, 404, 403, 403, 403, 404, 200)
ORG_ADMIN_POST = (LOGIN, 404, 403, 403, 403, 404, 302)
# coordinators and admins of the school; the world's coordinator is the cluster's, so
# not a member of the school (a school's own coordinator: test_focus_areas.py)
ORG_COORDINATOR = (LOGIN, 404, 403, 403, 403, 404, 200)
# a programme of the school: its administrator and the cluster's coordinator run it, the
# facilitator of one of its groups sees it, everyone else gets 404
PROGRAMME_VIEW = (LOGIN, 404, 404, 404, 200, 200, 200)
PROGRAMME_RUN = (LOGIN, 404, 404, 404, 403, 200, 200)
PROGRAMME_RUN_POST = (LOGIN, 404, 404, 404, 403, 302, 302)
# a coach (the colleague coaches the facilitator) and the facilitator coached; others 404
COACHING_PAIR = (LOGIN, 404, 200, 404, 200, 404, 404)
COACHING_COACH = (LOGIN, 404, 200, 404, 302, 404, 404)
# coordinators and admins of the school or of the cluster it belongs to
OVERSEERS = (LOGIN, 404, 403, 403, 403, 200, 200)
# a programme led by the cluster: the cluster's coordinator runs it, the facilitator of
# its group sees it (kahui/programmes/access.py)
PROGRAMME_RUNNERS = (LOGIN, 404, 404, 404, 403, 200, 404)


def _args(world, fixtures):
    g = world.group.public_id
    m = fixtures["meeting"].public_id
    c = fixtures["cycle"].public_id
    return {
        "core:home": [],
        "dashboard:home": [],
        "core:health": [],
        "core:favicon": [],
        "accounts:profile": [],
        "accounts:language": [],
        "people:person": [world.member.public_id],
        "people:avatar": [world.member.public_id],
        "accounts:picture": [],
        "accounts:picture_remove": [],
        "core:markdown_preview": [],
        "people:search": [],
        "people:recommendations": [],
        "orgs:list": [],
        "orgs:create": [],
        "orgs:join": [],
        "orgs:invite": [fixtures["org_invite"].token],
        "orgs:detail": [world.school.slug],
        "orgs:edit": [world.school.slug],
        "orgs:members": [world.school.slug],
        "orgs:member_role": [world.school.slug, world.member.public_id],
        "orgs:member_remove": [world.school.slug, world.colleague.public_id],
        "orgs:invite_revoke": [world.school.slug, fixtures["org_invite"].public_id],
        "orgs:reset_code": [world.school.slug],
        "orgs:history": [world.school.slug],
        "orgs:domains": [world.school.slug],
        "orgs:domain_sso": [world.school.slug, fixtures["org_domain"].public_id],
        "orgs:domain_remove": [world.school.slug, fixtures["org_domain"].public_id],
        "orgs:focus_areas": [world.school.slug],
        "rights:my_data": [],
        "rights:export_download": [fixtures["data_export"].public_id],
        "rights:delete_account": [],
        "rights:audit": [world.school.slug],
        "rights:retention": [world.school.slug],
        "groups:explore": [],
        "groups:mine": [],
        "groups:create": [],
        "groups:home": [g],
        "groups:setup": [g, "vision"],
        "groups:edit": [g, "vision"],
        "groups:history": [g],
        "groups:members": [g],
        "groups:invite_members": [g],
        "groups:member_role": [g, world.member.public_id],
        "groups:member_remove": [g, world.member.public_id],
        "groups:invite_revoke": [g, fixtures["group_invite"].public_id],
        "groups:join": [g],
        "groups:request": [g],
        "groups:request_decide": [g, fixtures["join_request"].public_id],
        "groups:request_withdraw": [g, fixtures["join_request"].public_id],
        "groups:leave": [g],
        "groups:invite": [fixtures["group_invite"].token],
        "orgs:terms": [world.school.slug],
        "orgs:term_delete": [world.school.slug, fixtures["period"].public_id],
        "meetings:list": [g],
        "meetings:schedule": [g],
        "meetings:detail": [g, m],
        "meetings:edit": [g, m],
        "meetings:agenda_edit": [g, m],
        "meetings:minutes": [g, m],
        "meetings:minutes_history": [g, m],
        "meetings:minutes_editors": [g, m],
        "meetings:clock": [g, m],
        "meetings:clock_move": [g, m],
        "meetings:decision_add": [g, m],
        "meetings:action_add": [g, m],
        "meetings:attendance": [g, m],
        "meetings:duties": [g, m],
        "meetings:norms_reviewed": [g, m],
        "meetings:guest_add": [g, m],
        "meetings:guest_revoke": [g, m, fixtures["guest"].public_id],
        "meetings:ics": [g, m],
        "meetings:action_status": [g, fixtures["action"].public_id],
        "meetings:templates": [g],
        "meetings:template_copy": [g, fixtures["builtin"].public_id],
        "meetings:template_default": [g, fixtures["builtin"].public_id],
        "meetings:template_edit": [g, fixtures["own_template"].public_id],
        "meetings:group_calendar": [g],
        "meetings:group_calendar_renew": [g],
        "meetings:guest": [fixtures["guest"].token],
        "meetings:my_actions": [],
        "meetings:pd_hours": [],
        "meetings:pd_hours_csv": [],
        "meetings:calendar": [],
        "meetings:calendar_renew": [],
        "meetings:feed": [fixtures["feed"].token],
        "scheduling:polls": [g],
        "scheduling:poll_create": [g],
        "scheduling:poll": [g, fixtures["poll"].public_id],
        "scheduling:poll_answer": [g, fixtures["poll"].public_id],
        "scheduling:poll_close": [g, fixtures["poll"].public_id],
        "scheduling:poll_choose": [
            g,
            fixtures["poll"].public_id,
            fixtures["poll"].options.first().public_id,
        ],
        "scheduling:group_times": [g],
        "scheduling:availability": [],
        "proposals:list": [g],
        "proposals:new": [g],
        "proposals:rules": [g],
        "proposals:awaiting": [g],
        "proposals:detail": [g, fixtures["proposal"].public_id],
        "proposals:respond": [g, fixtures["proposal"].public_id],
        "proposals:close": [g, fixtures["proposal"].public_id],
        "search:search": [],
        "dashboard:activity": [],
        "dashboard:action_done": [fixtures["action"].public_id],
        "discussions:list": [g],
        "discussions:new": [g],
        "discussions:mentions": [g],
        "discussions:thread": [g, fixtures["thread"].public_id],
        "discussions:reply": [g, fixtures["thread"].public_id],
        "discussions:accept": [g, fixtures["thread"].public_id],
        "discussions:moderate": [g, fixtures["thread"].public_id],
        "discussions:edit": [g, fixtures["post"].public_id],
        "discussions:history": [g, fixtures["post"].public_id],
        "discussions:react": [g, fixtures["post"].public_id],
        "inquiry:home": [g],
        "inquiry:start": [g],
        "inquiry:cycle": [g, c],
        "inquiry:cycle_edit": [g, c],
        "inquiry:move": [g, c],
        "inquiry:record": [g, c, "connect"],
        "inquiry:record_history": [g, c, "connect"],
        "inquiry:trial_add": [g, c],
        "inquiry:action_add": [g, c],
        "inquiry:goal_add": [g, c],
        "inquiry:goal_edit": [g, c, fixtures["measure"].public_id],
        "inquiry:reading_add": [g, c, fixtures["measure"].public_id],
        "inquiry:revisits": [g, c],
        "inquiry:summary": [g, c],
        "inquiry:summary_pdf": [g, c],
        "retrospective:page": [g, c],
        "inquiry:evidence": [g, c],
        "inquiry:evidence_add": [g, c],
        "inquiry:evidence_edit": [g, c, fixtures["evidence"].public_id],
        "inquiry:evidence_delete": [g, c, fixtures["evidence"].public_id],
        "inquiry:evidence_file": [g, c, fixtures["evidence"].public_id],
        "inquiry:data_import": [g, c],
        "inquiry:data_new": [g, c],
        "inquiry:expected_levels": [g, c],
        "inquiry:data_set": [g, c, fixtures["data_set"].public_id],
        "inquiry:data_edit": [g, c, fixtures["data_set"].public_id],
        "inquiry:data_delete": [g, c, fixtures["data_set"].public_id],
        "inquiry:data_csv": [g, c, fixtures["data_set"].public_id],
        "inquiry:analysis": [g, c],
        "inquiry:analysis_csv": [g, c],
        "library:shared": [],
        "library:group": [g],
        "library:add": [g],
        "library:resource": [g, fixtures["resource"].public_id],
        "library:download": [g, fixtures["resource"].public_id],
        "library:publish": [g, fixtures["resource"].public_id],
        "library:delete": [g, fixtures["resource"].public_id],
        "library:save": [g, fixtures["resource"].public_id],
        "library:collect": [g, fixtures["resource"].public_id],
        "library:products": [g],
        "library:product_new": [g],
        "library:product_edit": [g, fixtures["product"].public_id],
        "library:product_versions": [g, fixtures["product"].public_id],
        "library:product_restore": [g, fixtures["product"].public_id, 1],
        "notifications:inbox": [],
        "notifications:bell": [],
        "notifications:read_all": [],
        "notifications:preferences": [],
        "notifications:open": [fixtures["note"].public_id],
        "notifications:unsubscribe": [unsubscribe_token(world.member, "polls")],
        "voice:list": [g],
        "voice:new": [g],
        "voice:detail": [g, fixtures["survey"].public_id],
        "voice:csv": [g, fixtures["survey"].public_id],
        "voice:close": [g, fixtures["survey"].public_id],
        "voice:reopen": [g, fixtures["survey"].public_id],
        "voice:answer": [fixtures["survey"].token],
        "health:overview": [g],
        "health:answer": [g],
        "health:status": [g],
        "health:settings": [g],
        "health:open": [g],
        "core:pdf_export": [fixtures["pdf_export"].public_id],
        "core:pdf_download": [fixtures["pdf_export"].public_id],
        "recognition:group": [g],
        "recognition:give": [g],
        "recognition:withdraw": [g, fixtures["kudos"].public_id],
        "recognition:member_contributions": [g, world.member.public_id],
        "recognition:mine": [],
        "recognition:record": [],
        "recognition:record_csv": [date.today().year],
        "recognition:activity_add": [],
        "recognition:activity_edit": [fixtures["learning"].public_id],
        "recognition:activity_delete": [fixtures["learning"].public_id],
        "recognition:certificate_request": [],
        "recognition:certificate": [fixtures["certificate"].public_id],
        "recognition:certificate_confirm": [fixtures["certificate"].public_id],
        "recognition:certificate_decline": [fixtures["certificate"].public_id],
        "recognition:certificate_revoke": [fixtures["certificate"].public_id],
        "recognition:certificate_pdf": [fixtures["confirmed"].public_id],
        "recognition:verify": [],
        "reflection:home": [],
        "reflection:journal": [],
        "reflection:entry_new": [],
        "reflection:entry": [fixtures["entry"].public_id],
        "reflection:entry_edit": [fixtures["entry"].public_id],
        "reflection:entry_share": [fixtures["entry"].public_id],
        "reflection:entry_delete": [fixtures["entry"].public_id],
        "reflection:feedback": [],
        "reflection:feedback_request": [fixtures["feedback"].public_id],
        "reflection:feedback_answer": [fixtures["feedback"].public_id],
        "reflection:feedback_decline": [fixtures["feedback"].public_id],
        "reflection:portfolio": [],
        "reflection:portfolio_pdf": [],
        "reflection:group": [g],
        "reflection:goal_add": [g],
        "reflection:goal": [g, fixtures["goal"].public_id],
        "reflection:goal_note_add": [g, fixtures["goal"].public_id],
        "reflection:feedback_ask": [g],
        "reflection:ask": [g, m],
        "programmes:list": [],
        "programmes:create": [],
        "programmes:kit": [world.school.slug],
        "programmes:detail": [fixtures["programme"].public_id],
        "programmes:edit": [fixtures["programme"].public_id],
        "programmes:phase": [fixtures["programme"].public_id],
        "programmes:hand_over": [fixtures["programme"].public_id],
        "programmes:intake": [fixtures["programme"].public_id],
        "programmes:proposal": [fixtures["programme"].public_id],
        "programmes:version_new": [fixtures["programme"].public_id],
        "programmes:comment": [fixtures["programme"].public_id],
        "programmes:agree": [fixtures["programme"].public_id],
        "programmes:generate": [fixtures["programme"].public_id],
        "programmes:coach_add": [fixtures["programme"].public_id],
        "programmes:coach_remove": [
            fixtures["programme"].public_id,
            fixtures["programme"].coaches.get().public_id,
        ],
        "programmes:kickoff": [fixtures["programme"].public_id],
        "programmes:kickoff_schedule": [fixtures["programme"].public_id],
        "programmes:kickoff_answer": [fixtures["programme"].public_id],
        "programmes:circle_new": [fixtures["programme"].public_id],
        "coaching:home": [],
        "coaching:pair": [world.colleague.public_id, world.facilitator.public_id],
        "coaching:note_add": [world.colleague.public_id, world.facilitator.public_id],
        "coaching:advice_ask": [world.colleague.public_id, world.facilitator.public_id],
        "coaching:observation_new": [world.colleague.public_id, world.facilitator.public_id],
        "coaching:advice_answer": [fixtures["advice"].public_id],
        "coaching:observation": [fixtures["observation"].public_id],
        "coaching:observation_edit": [fixtures["observation"].public_id],
        "coaching:observation_share": [fixtures["observation"].public_id],
        "coaching:reflection_save": [fixtures["observation"].public_id],
        "coaching:debrief_done": [fixtures["observation"].public_id],
        "groups:supporter_invite": [g],
        "groups:supporter_revoke": [g, fixtures["supporter"].public_id],
        "groups:supporting": [],
        "groups:supporter_answer": [fixtures["supporter"].public_id, "decline"],
        "meetings:supporter_rsvp": [g, m],
        "inquiry:record_comment": [g, c, "connect"],
        "oversight:facilitating": [],
        "oversight:group": [g],
        "oversight:dashboard": [world.school.slug],
        "oversight:cohort": [world.school.slug],
        "oversight:report": [world.school.slug],
        "oversight:report_csv": [world.school.slug],
        "oversight:report_pdf": [world.school.slug],
        "oversight:hours_csv": [world.school.slug],
        "oversight:objectives": [world.school.slug],
        "oversight:objective": [world.school.slug, fixtures["objective"].public_id],
        "oversight:programme_dashboard": [fixtures["cluster_programme"].public_id],
        "oversight:programme_report": [fixtures["cluster_programme"].public_id],
        "oversight:programme_report_csv": [fixtures["cluster_programme"].public_id],
        "oversight:programme_report_pdf": [fixtures["cluster_programme"].public_id],
        "formation:runs": [world.school.slug],
        "formation:new": [world.school.slug],
        "formation:run": [world.school.slug, fixtures["formation_run"].public_id],
        "formation:move": [world.school.slug, fixtures["formation_run"].public_id],
        "formation:publish": [world.school.slug, fixtures["formation_run"].public_id],
        "roster:home": [world.school.slug],
        "roster:template": [world.school.slug],
        "roster:export_csv": [world.school.slug],
        "roster:export_xlsx": [world.school.slug],
        "roster:import": [world.school.slug, fixtures["roster_import"].public_id],
        "roster:confirm": [world.school.slug, fixtures["roster_import"].public_id],
        "webhooks:list": [world.school.slug],
        "webhooks:new": [world.school.slug],
        "webhooks:endpoint": [world.school.slug, fixtures["webhook"].endpoint.public_id],
        "webhooks:edit": [world.school.slug, fixtures["webhook"].endpoint.public_id],
        "webhooks:rotate_secret": [world.school.slug, fixtures["webhook"].endpoint.public_id],
        "webhooks:remove": [world.school.slug, fixtures["webhook"].endpoint.public_id],
        "webhooks:resend": [
            world.school.slug,
            fixtures["webhook"].endpoint.public_id,
            fixtures["webhook"].public_id,
        ],
        "api:tokens": [],
        "api:token_revoke": [fixtures["api_token"].public_id],
        "api-v1:api-root": [],
        "api-v1:openapi-json": [],
        "api-v1:openapi-view": [],
        "api-v1:orgs": [],
        "api-v1:org": [world.school.slug],
        "api-v1:groups": [],
        "api-v1:group": [g],
        "api-v1:members": [g],
        "api-v1:meetings": [g],
        "api-v1:meeting": [g, m],
        "api-v1:threads": [g],
        "api-v1:posts": [g, fixtures["thread"].public_id],
        "api-v1:post_create": [g, fixtures["thread"].public_id],
        "api-v1:resources": [g],
        "api-v1:polls": [g],
        "api-v1:learning_record": [],
        "api-v1:poll": [g, fixtures["poll"].public_id],
        "api-v1:resource": [g, fixtures["resource"].public_id],
        "api-v1:inquiry_cycles": [g],
        "api-v1:inquiry_cycle": [g, c],
        "api-v1:health_checks": [g],
        "api-v1:health_check": [g, fixtures["health_check"].public_id],
        "api-v1:learning_activities": [],
        "api-v1:learning_activity": [fixtures["learning"].public_id],
        "api-v1:certificates": [],
        "api-v1:certificate": [fixtures["certificate"].public_id],
    }


MATRIX = {
    "core:home": ("get", ("200", 302, 302, 302, 302, 302, 302)),
    "dashboard:home": ("get", ANYONE_SIGNED_IN),
    "core:health": ("get", (200, 200, 200, 200, 200, 200, 200)),
    "core:favicon": ("get", (302, 302, 302, 302, 302, 302, 302)),
    "accounts:profile": ("get", ANYONE_SIGNED_IN),
    # the language switcher, for everyone: an empty form goes back with a message
    "accounts:language": ("post", (302, 302, 302, 302, 302, 302, 302)),
    # a colleague's profile: people sharing a group, an organisation or a cluster
    "people:person": ("get", (LOGIN, 404, 200, 200, 200, 200, 200)),
    # people search: every signed-in person, who finds only their own organisations' people
    "people:search": ("get", ANYONE_SIGNED_IN),
    # a picture: whoever may see the profile (the member has one, see ``fixtures``)
    "people:avatar": ("get", (LOGIN, 404, 200, 200, 200, 200, 200)),
    # everyone's own picture: an empty form is refused, removing works with or without one
    "accounts:picture": ("post", (LOGIN, 400, 400, 400, 400, 400, 400)),
    "accounts:picture_remove": ("post", (LOGIN, 302, 302, 302, 302, 302, 302)),
    # any Markdown field's preview, for anyone signed in
    "core:markdown_preview": ("post", (LOGIN, 200, 200, 200, 200, 200, 200)),
    # one's own recommendations: only the colleagues and groups the viewer may see
    "people:recommendations": ("get", ANYONE_SIGNED_IN),
    "orgs:list": ("get", ANYONE_SIGNED_IN),
    "orgs:create": ("get", ANYONE_SIGNED_IN),
    "orgs:join": ("get", ANYONE_SIGNED_IN),
    "orgs:invite": ("get", ANYONE_SIGNED_IN),
    "orgs:detail": ("get", ORG_MEMBER),
    "orgs:edit": ("get", ORG_ADMIN),
    "orgs:members": ("get", ORG_ADMIN),
    "orgs:member_role": ("post", ORG_ADMIN_POST),
    "orgs:member_remove": ("post", ORG_ADMIN_POST),
    "orgs:invite_revoke": ("post", ORG_ADMIN_POST),
    "orgs:reset_code": ("post", ORG_ADMIN_POST),
    "orgs:history": ("get", ORG_ADMIN),
    # the organisation's email domains (SSO): its administrators
    "orgs:domains": ("get", ORG_ADMIN),
    "orgs:domain_sso": ("post", ORG_ADMIN_POST),
    "orgs:domain_remove": ("post", ORG_ADMIN_POST),
    "orgs:focus_areas": ("get", ORG_COORDINATOR),
    "groups:explore": ("get", ANYONE_SIGNED_IN),
    "groups:mine": ("get", ANYONE_SIGNED_IN),
    "groups:create": ("get", ANYONE_SIGNED_IN),
    "groups:home": ("get", GROUP_DISCOVER),
    # the wizard of an open group sends its facilitator to the group's home
    "groups:setup": ("get", (LOGIN, 404, 403, 403, 302, 403, 403)),
    "groups:edit": ("get", GROUP_FACILITATE),
    "groups:history": ("get", GROUP_OVERSEE),
    "groups:members": ("get", GROUP_OVERSEE),
    "groups:invite_members": ("get", GROUP_FACILITATE),
    "groups:member_role": ("post", GROUP_FACILITATE_POST),
    "groups:member_remove": ("post", GROUP_FACILITATE_POST),
    "groups:invite_revoke": ("post", GROUP_FACILITATE_POST),
    "groups:join": ("post", GROUP_DISCOVER_POST),
    "groups:request": ("post", GROUP_DISCOVER_POST),
    # an empty answer is drawn again on the members page with what is missing
    "groups:request_decide": ("post", GROUP_FACILITATE_POST_INVALID),
    # only the person who asked can withdraw; the request is theirs (the colleague's)
    "groups:request_withdraw": ("post", (LOGIN, 404, 302, 404, 404, 404, 404)),
    "groups:leave": ("post", GROUP_MEMBER_POST),
    "groups:invite": ("get", ANYONE_SIGNED_IN),
    "orgs:terms": ("get", ORG_MEMBER),
    "orgs:term_delete": ("post", ORG_ADMIN_POST),
    "meetings:list": ("get", GROUP_MEMBER),
    "meetings:schedule": ("get", GROUP_FACILITATE),
    "meetings:detail": ("get", GROUP_MEMBER),
    "meetings:edit": ("get", GROUP_FACILITATE),
    "meetings:agenda_edit": ("get", GROUP_FACILITATE),
    # without a version the saved minutes are shown beside the (empty) text, as for a conflict
    "meetings:minutes": ("post", (LOGIN, 404, 403, 409, 409, 403, 403)),
    "meetings:minutes_history": ("get", GROUP_MEMBER),
    # who else is editing the minutes now (a page editing them POSTs there too)
    "meetings:minutes_editors": ("get", GROUP_MEMBER),
    # the shared timer: everyone who sees the meeting watches it; the meeting's
    # timekeeper (the member, by the group's turn) and facilitators run it, and a move
    # that names none is refused
    "meetings:clock": ("get", GROUP_MEMBER),
    "meetings:clock_move": ("post", GROUP_MEMBER_POST_INVALID),
    "meetings:decision_add": ("post", GROUP_MEMBER_POST_INVALID),
    "meetings:action_add": ("post", GROUP_MEMBER_POST_INVALID),
    # the member is not this meeting's note-taker, and the meeting has not started yet:
    # both are told why and sent back
    "meetings:attendance": ("post", (LOGIN, 404, 403, 302, 302, 403, 403)),
    "meetings:duties": ("post", GROUP_FACILITATE_POST),
    "meetings:norms_reviewed": ("post", GROUP_MEMBER_POST),
    "meetings:guest_add": ("post", GROUP_FACILITATE_POST_INVALID),
    "meetings:guest_revoke": ("post", GROUP_FACILITATE_POST),
    "meetings:ics": ("get", GROUP_MEMBER),
    "meetings:action_status": ("post", GROUP_MEMBER_POST),
    "meetings:templates": ("get", GROUP_MEMBER),
    "meetings:template_copy": ("post", GROUP_FACILITATE_POST),
    "meetings:template_default": ("post", GROUP_FACILITATE_POST),
    "meetings:template_edit": ("get", GROUP_FACILITATE),
    "meetings:group_calendar": ("get", GROUP_MEMBER),
    "meetings:group_calendar_renew": ("get", GROUP_MEMBER),
    # links that are their own credential: a guest's meeting page, a calendar feed
    "meetings:guest": ("get", PUBLIC),
    "meetings:my_actions": ("get", ANYONE_SIGNED_IN),
    "meetings:pd_hours": ("get", ANYONE_SIGNED_IN),
    "meetings:pd_hours_csv": ("get", ANYONE_SIGNED_IN),
    "meetings:calendar": ("get", ANYONE_SIGNED_IN),
    "meetings:calendar_renew": ("get", ANYONE_SIGNED_IN),
    "meetings:feed": ("get", PUBLIC),
    "scheduling:polls": ("get", GROUP_MEMBER),
    "scheduling:poll_create": ("get", GROUP_FACILITATE),
    "scheduling:poll": ("get", GROUP_MEMBER),
    "scheduling:poll_answer": ("post", GROUP_MEMBER_POST_INVALID),
    "scheduling:poll_close": ("post", GROUP_FACILITATE_POST),
    # Posted empty: the poll's online time needs its link.
    "scheduling:poll_choose": ("post", GROUP_FACILITATE_POST_INVALID),
    "scheduling:group_times": ("get", GROUP_MEMBER),
    "scheduling:availability": ("get", ANYONE_SIGNED_IN),
    # a group's proposals are its members' alone; overseers see only that some were made
    "proposals:list": ("get", GROUP_MEMBER),
    "proposals:new": ("get", GROUP_MEMBER),
    "proposals:rules": ("get", GROUP_FACILITATE),
    # the group home's card asks with htmx; a plain visit goes to the proposals
    "proposals:awaiting": ("get", (LOGIN, 404, 403, 302, 302, 403, 403)),
    "proposals:detail": ("get", GROUP_MEMBER),
    "proposals:respond": ("post", GROUP_MEMBER_POST_INVALID),
    "proposals:close": ("post", GROUP_FACILITATE_POST),
    "search:search": ("get", ANYONE_SIGNED_IN),
    "dashboard:activity": ("get", ANYONE_SIGNED_IN),
    # the action's owner (nobody here) and the group's facilitators; 404 to everyone else
    "dashboard:action_done": ("post", (LOGIN, 404, 404, 404, 302, 404, 404)),
    "discussions:list": ("get", GROUP_MEMBER),
    "discussions:new": ("get", GROUP_MEMBER),
    "discussions:mentions": ("get", GROUP_MEMBER),
    "discussions:thread": ("get", GROUP_MEMBER),
    "discussions:reply": ("post", GROUP_MEMBER_POST_INVALID),
    "discussions:accept": ("post", GROUP_MEMBER_POST),
    "discussions:moderate": ("post", GROUP_FACILITATE_POST),
    # only the author (the facilitator here) edits; other members are sent back
    "discussions:edit": ("get", (LOGIN, 404, 403, 302, 200, 403, 403)),
    "discussions:history": ("get", GROUP_MEMBER),
    "discussions:react": ("post", GROUP_MEMBER_POST),
    # the inquiry is its members'; facilitators (and a stage's leader) steer it
    "inquiry:home": ("get", GROUP_MEMBER),
    # a cycle is already open: the facilitator is sent to it
    "inquiry:start": ("get", (LOGIN, 404, 403, 403, 302, 403, 403)),
    "inquiry:cycle": ("get", GROUP_MEMBER),
    "inquiry:cycle_edit": ("get", GROUP_FACILITATE),
    "inquiry:move": ("get", GROUP_FACILITATE),
    "inquiry:record": ("get", GROUP_MEMBER),
    "inquiry:record_history": ("get", GROUP_MEMBER),
    "inquiry:trial_add": ("post", GROUP_MEMBER_POST_INVALID),
    "inquiry:action_add": ("post", GROUP_MEMBER_POST_INVALID),
    "inquiry:goal_add": ("get", GROUP_FACILITATE),
    "inquiry:goal_edit": ("get", GROUP_FACILITATE),
    "inquiry:reading_add": ("post", GROUP_MEMBER_POST_INVALID),
    # nothing ticked is a valid answer: no goal to revisit
    "inquiry:revisits": ("post", GROUP_MEMBER_POST),
    "inquiry:summary": ("get", GROUP_MEMBER),
    # a member gets the file at once: the round is short
    "inquiry:summary_pdf": ("post", GROUP_MEMBER),
    "retrospective:page": ("get", GROUP_MEMBER),
    # evidence and assessment data, their files and exports: members only
    "inquiry:evidence": ("get", GROUP_MEMBER),
    "inquiry:evidence_add": ("get", GROUP_MEMBER),
    "inquiry:evidence_edit": ("get", GROUP_MEMBER),
    "inquiry:evidence_delete": ("post", GROUP_MEMBER_POST),
    "inquiry:evidence_file": ("get", GROUP_MEMBER),
    "inquiry:data_import": ("get", GROUP_MEMBER),
    "inquiry:data_new": ("get", GROUP_MEMBER),
    "inquiry:expected_levels": ("get", GROUP_MEMBER),
    "inquiry:data_set": ("get", GROUP_MEMBER),
    "inquiry:data_edit": ("get", GROUP_MEMBER),
    "inquiry:data_delete": ("post", GROUP_MEMBER_POST),
    "inquiry:data_csv": ("get", GROUP_MEMBER),
    "inquiry:analysis": ("get", GROUP_MEMBER),
    "inquiry:analysis_csv": ("get", GROUP_MEMBER),
    "library:shared": ("get", ANYONE_SIGNED_IN),
    "library:group": ("get", GROUP_MEMBER),
    "library:add": ("get", GROUP_MEMBER),
    # a resource kept in its group: members only, everyone else cannot know it exists
    "library:resource": ("get", (LOGIN, 404, 404, 200, 200, 404, 404)),
    "library:download": ("get", (LOGIN, 404, 404, 200, 200, 404, 404)),
    "library:publish": ("post", (LOGIN, 404, 404, 302, 302, 404, 404)),
    "library:delete": ("post", (LOGIN, 404, 404, 302, 302, 404, 404)),
    "library:save": ("post", (LOGIN, 404, 404, 302, 302, 404, 404)),
    "library:collect": ("post", GROUP_MEMBER_POST),
    "library:products": ("get", GROUP_MEMBER),
    "library:product_new": ("get", GROUP_MEMBER),
    # a shared product kept in the group: its members write it; nobody else learns of it
    "library:product_edit": ("get", (LOGIN, 404, 404, 200, 200, 404, 404)),
    "library:product_versions": ("get", (LOGIN, 404, 404, 200, 200, 404, 404)),
    # posted empty: no current version given, so nothing is restored (a message says why)
    "library:product_restore": ("post", (LOGIN, 404, 404, 302, 302, 404, 404)),
    "notifications:inbox": ("get", ANYONE_SIGNED_IN),
    "notifications:bell": ("get", ANYONE_SIGNED_IN),
    "notifications:read_all": ("post", (LOGIN, 302, 302, 302, 302, 302, 302)),
    "notifications:preferences": ("get", ANYONE_SIGNED_IN),
    # a notification belongs to one person (the member here)
    "notifications:open": ("post", (LOGIN, 404, 404, 302, 404, 404, 404)),
    # the signed link is the credential, so mail clients can unsubscribe in one click
    "notifications:unsubscribe": ("get", PUBLIC),
    # learner and whānau voice: members only, overseers see no survey nor its results
    "voice:list": ("get", GROUP_MEMBER),
    "voice:new": ("get", GROUP_MEMBER),
    "voice:detail": ("get", GROUP_MEMBER),
    "voice:csv": ("get", GROUP_MEMBER),
    "voice:close": ("post", GROUP_MEMBER_POST),
    "voice:reopen": ("post", GROUP_MEMBER_POST),
    # the survey itself opens by its link alone, for anyone
    "voice:answer": ("get", PUBLIC),
    # results for members and overseers (comments for members only, see test_health_pages)
    "health:overview": ("get", GROUP_OVERSEE),
    "health:answer": ("get", GROUP_MEMBER),
    "health:status": ("get", GROUP_MEMBER),
    "health:settings": ("get", GROUP_FACILITATE),
    "health:open": ("post", GROUP_FACILITATE_POST_INVALID),
    # a PDF made in the background is its owner's alone (the member's here)
    "core:pdf_export": ("get", (LOGIN, 404, 404, 200, 404, 404, 404)),
    "core:pdf_download": ("get", (LOGIN, 404, 404, 200, 404, 404, 404)),
    "recognition:group": ("get", GROUP_MEMBER),
    "recognition:give": ("get", GROUP_MEMBER),
    # only the giver (the facilitator) withdraws their kudos
    "recognition:withdraw": ("get", (LOGIN, 404, 403, 403, 200, 403, 403)),
    "recognition:member_contributions": ("get", GROUP_MEMBER),
    "recognition:mine": ("get", ANYONE_SIGNED_IN),
    "recognition:record": ("get", ANYONE_SIGNED_IN),
    "recognition:record_csv": ("get", ANYONE_SIGNED_IN),
    "recognition:activity_add": ("get", ANYONE_SIGNED_IN),
    # a logged activity is its owner's (the member's); nobody else learns it exists
    "recognition:activity_edit": ("get", (LOGIN, 404, 404, 200, 404, 404, 404)),
    "recognition:activity_delete": ("get", (LOGIN, 404, 404, 200, 404, 404, 404)),
    # posted empty: the form says what is missing
    "recognition:certificate_request": ("post", (LOGIN, 400, 400, 400, 400, 400, 400)),
    # the member's request: theirs and the group's facilitators', nobody else's
    "recognition:certificate": ("get", (LOGIN, 404, 404, 200, 200, 404, 404)),
    # the facilitator confirms (an empty form leaves no hours: refused with a reason)
    "recognition:certificate_confirm": ("post", (LOGIN, 404, 404, 403, 400, 404, 404)),
    "recognition:certificate_decline": ("post", (LOGIN, 404, 404, 403, 400, 404, 404)),
    # the member withdraws their own request; a facilitator declines it instead
    "recognition:certificate_revoke": ("get", (LOGIN, 404, 404, 200, 403, 404, 404)),
    # the confirmed certificate's PDF is for its holder
    "recognition:certificate_pdf": ("post", (LOGIN, 404, 404, 200, 403, 404, 404)),
    # anyone checks a certificate's code, signed in or not
    "recognition:verify": ("get", PUBLIC),
    "reflection:home": ("get", ANYONE_SIGNED_IN),
    "reflection:journal": ("get", ANYONE_SIGNED_IN),
    # someone in no group is sent to the reflection home to join one first
    "reflection:entry_new": ("get", (LOGIN, 302, 302, 200, 200, 302, 302)),
    # the member's private entry is theirs alone: facilitators, coordinators and
    # administrators do not learn it exists
    "reflection:entry": ("get", (LOGIN, 404, 404, 200, 404, 404, 404)),
    "reflection:entry_edit": ("get", (LOGIN, 404, 404, 200, 404, 404, 404)),
    # posted without a choice: told so and sent back
    "reflection:entry_share": ("post", (LOGIN, 404, 404, 302, 404, 404, 404)),
    "reflection:entry_delete": ("get", (LOGIN, 404, 404, 200, 404, 404, 404)),
    "reflection:feedback": ("get", ANYONE_SIGNED_IN),
    # the member asked the facilitator: both see the request, nobody else
    "reflection:feedback_request": ("get", (LOGIN, 404, 404, 200, 200, 404, 404)),
    # only the colleague asked answers (an empty answer is refused)
    "reflection:feedback_answer": ("post", (LOGIN, 404, 404, 403, 400, 404, 404)),
    "reflection:feedback_decline": ("post", (LOGIN, 404, 404, 302, 302, 404, 404)),
    "reflection:portfolio": ("get", ANYONE_SIGNED_IN),
    # everyone's own portfolio, as a PDF
    "reflection:portfolio_pdf": ("post", (LOGIN, 200, 200, 200, 200, 200, 200)),
    "reflection:group": ("get", GROUP_MEMBER),
    "reflection:goal_add": ("post", GROUP_MEMBER_POST_INVALID),
    # a personal goal is its owner's; others in the group get 404
    "reflection:goal": ("get", (LOGIN, 404, 403, 200, 404, 403, 403)),
    "reflection:goal_note_add": ("post", (LOGIN, 404, 403, 400, 404, 403, 403)),
    "reflection:feedback_ask": ("get", GROUP_MEMBER),
    # the meeting has not taken place yet: the facilitator is told so and sent back
    "reflection:ask": ("post", GROUP_FACILITATE_POST),
    "programmes:list": ("get", ANYONE_SIGNED_IN),
    # those who coordinate or administer an organisation (the outsider runs another school)
    "programmes:create": ("get", (LOGIN, 200, 404, 404, 404, 200, 200)),
    "programmes:kit": ("get", ORG_COORDINATOR),
    "programmes:detail": ("get", PROGRAMME_VIEW),
    "programmes:edit": ("get", PROGRAMME_RUN),
    "programmes:phase": ("post", PROGRAMME_RUN_POST),
    "programmes:hand_over": ("post", PROGRAMME_RUN_POST),
    "programmes:intake": ("get", PROGRAMME_VIEW),
    "programmes:proposal": ("get", PROGRAMME_VIEW),
    "programmes:version_new": ("get", PROGRAMME_RUN),
    "programmes:comment": ("post", PROGRAMME_RUN_POST),
    "programmes:agree": ("post", PROGRAMME_RUN_POST),
    "programmes:generate": ("post", PROGRAMME_RUN_POST),
    "programmes:coach_add": ("post", PROGRAMME_RUN_POST),
    "programmes:coach_remove": ("post", PROGRAMME_RUN_POST),
    # the kick-off is for the members of its groups too (the member is only invited yet)
    "programmes:kickoff": ("get", PROGRAMME_VIEW),
    "programmes:kickoff_schedule": ("get", PROGRAMME_RUN),
    "programmes:kickoff_answer": ("post", (LOGIN, 404, 404, 404, 302, 302, 302)),
    "programmes:circle_new": ("get", PROGRAMME_RUN),
    # Coaching: the colleague coaches the facilitator (a coach of a programme holding the
    # group); the pair alone, never the group's members, coordinators or admins.
    "coaching:home": ("get", ANYONE_SIGNED_IN),
    "coaching:pair": ("get", COACHING_PAIR),
    "coaching:note_add": ("post", (LOGIN, 404, 400, 404, 400, 404, 404)),
    # the coach does not ask: told so and sent back
    "coaching:advice_ask": ("post", (LOGIN, 404, 302, 404, 400, 404, 404)),
    "coaching:observation_new": ("get", COACHING_COACH),
    "coaching:advice_answer": ("post", (LOGIN, 404, 400, 404, 302, 404, 404)),
    # shared with the facilitator; a draft is the coach's alone (tests/coaching)
    "coaching:observation": ("get", COACHING_PAIR),
    "coaching:observation_edit": ("get", COACHING_COACH),
    "coaching:observation_share": ("post", (LOGIN, 404, 302, 404, 302, 404, 404)),
    # an empty form has no version: a conflict, and what was typed is kept
    "coaching:reflection_save": ("post", (LOGIN, 404, 409, 404, 409, 404, 404)),
    "coaching:debrief_done": ("post", (LOGIN, 404, 302, 404, 302, 404, 404)),
    # supporters (an RTLB, a coach; none of these personas): facilitators invite and
    # let go, the person invited answers (everyone else: 404), see tests/supporters
    "groups:supporter_invite": ("get", GROUP_FACILITATE),
    "groups:supporter_revoke": ("post", GROUP_FACILITATE_POST),
    "groups:supporting": ("get", ANYONE_SIGNED_IN),
    "groups:supporter_answer": ("post", (LOGIN, 404, 404, 404, 404, 404, 404)),
    # a supporter says whether they come; members are refused with a message
    "meetings:supporter_rsvp": ("post", GROUP_MEMBER_POST),
    # an empty comment on a stage: the form says what is missing
    "inquiry:record_comment": ("post", GROUP_MEMBER_POST_INVALID),
    "oversight:facilitating": ("get", ANYONE_SIGNED_IN),
    # a group's figures: whoever may oversee it (members see them too)
    "oversight:group": ("get", GROUP_OVERSEE),
    # coordinators and admins of the school or of its cluster
    "oversight:dashboard": ("get", OVERSEERS),
    "oversight:cohort": ("get", OVERSEERS),
    "oversight:report": ("get", OVERSEERS),
    "oversight:report_csv": ("get", OVERSEERS),
    "oversight:report_pdf": ("post", OVERSEERS),
    "oversight:hours_csv": ("get", OVERSEERS),
    # the school's own coordinators and admins (an empty form is refused)
    "oversight:objectives": ("get", ORG_COORDINATOR),
    "oversight:objective": ("post", (LOGIN, 404, 403, 403, 403, 404, 400)),
    # a programme led by the cluster: its coordinators; the school's admin is not one
    "oversight:programme_dashboard": ("get", PROGRAMME_RUNNERS),
    "oversight:programme_report": ("get", PROGRAMME_RUNNERS),
    "oversight:programme_report_csv": ("get", PROGRAMME_RUNNERS),
    "oversight:programme_report_pdf": ("post", PROGRAMME_RUNNERS),
    # coordinators and administrators of the school or of its cluster (orgs.access.org_for
    # asked of both); empty forms are drawn again with what is missing
    "formation:runs": ("get", OVERSEERS),
    "roster:home": ("get", ORG_ADMIN),
    "roster:template": ("get", ORG_ADMIN),
    "roster:export_csv": ("post", ORG_ADMIN),  # a recorded download of everyone's details
    "roster:export_xlsx": ("post", ORG_ADMIN),
    "roster:import": ("get", ORG_ADMIN),
    "roster:confirm": ("post", (LOGIN, 404, 403, 403, 403, 404, 302)),
    "formation:new": ("post", (LOGIN, 404, 403, 403, 403, 400, 400)),
    "formation:run": ("get", OVERSEERS),
    "formation:move": ("post", (LOGIN, 404, 403, 403, 403, 400, 400)),
    "formation:publish": ("post", (LOGIN, 404, 403, 403, 403, 302, 302)),
    "webhooks:list": ("get", ORG_ADMIN),
    "webhooks:new": ("get", ORG_ADMIN),
    "webhooks:endpoint": ("get", ORG_ADMIN),
    "webhooks:edit": ("get", ORG_ADMIN),
    "webhooks:rotate_secret": ("post", ORG_ADMIN_POST),  # to the question first
    "webhooks:remove": ("post", ORG_ADMIN_POST),  # to the question first
    "webhooks:resend": ("post", ORG_ADMIN_POST),
    # data rights: a member's own data and account; an organisation's audit and retention
    "rights:my_data": ("get", ANYONE_SIGNED_IN),
    "rights:export_download": ("get", (LOGIN, 404, 404, 200, 404, 404, 404)),
    "rights:delete_account": ("get", ANYONE_SIGNED_IN),
    "rights:audit": ("get", ORG_ADMIN),
    "rights:retention": ("get", ORG_ADMIN),
    # a person's own API tokens (the member holds the one revoked here; see tests/api)
    "api:tokens": ("get", ANYONE_SIGNED_IN),
    "api:token_revoke": ("post", (LOGIN, 404, 404, 302, 404, 404, 404)),
    # the REST API in the browser (session): 401 rather than a log-in page; each
    # operation as every persona with tokens: tests/api/test_api_permissions.py
    "api-v1:api-root": ("get", (404, 404, 404, 404, 404, 404, 404)),
    "api-v1:openapi-json": ("get", PUBLIC),
    "api-v1:openapi-view": ("get", PUBLIC),
    "api-v1:orgs": ("get", (401, 200, 200, 200, 200, 200, 200)),
    "api-v1:org": ("get", (401, 404, 200, 200, 200, 404, 200)),
    "api-v1:groups": ("get", (401, 200, 200, 200, 200, 200, 200)),
    "api-v1:group": ("get", (401, 404, 200, 200, 200, 200, 200)),
    "api-v1:members": ("get", (401, 404, 403, 200, 200, 200, 200)),
    "api-v1:meetings": ("get", (401, 404, 403, 200, 200, 403, 403)),
    "api-v1:meeting": ("get", (401, 404, 403, 200, 200, 403, 403)),
    "api-v1:threads": ("get", (401, 404, 403, 200, 200, 403, 403)),
    "api-v1:posts": ("get", (401, 404, 403, 200, 200, 403, 403)),
    # the thread is checked before the body is read: an empty form is not JSON, 400 for
    # those who may reply (with a reply, by persona: tests/api/test_api_permissions.py)
    "api-v1:post_create": ("post", (401, 404, 403, 400, 400, 403, 403)),
    "api-v1:resources": ("get", (401, 404, 403, 200, 200, 403, 403)),
    "api-v1:polls": ("get", (401, 404, 403, 200, 200, 403, 403)),
    "api-v1:learning_record": ("get", (401, 200, 200, 200, 200, 200, 200)),
    "api-v1:poll": ("get", (401, 404, 403, 200, 200, 403, 403)),
    # a resource kept to its group (as library:resource)
    "api-v1:resource": ("get", (401, 404, 404, 200, 200, 404, 404)),
    # the inquiry's readers, as inquiry:cycle; the health overview's, as health:overview
    "api-v1:inquiry_cycles": ("get", (401, 404, 403, 200, 200, 403, 403)),
    "api-v1:inquiry_cycle": ("get", (401, 404, 403, 200, 200, 403, 403)),
    "api-v1:health_checks": ("get", (401, 404, 403, 200, 200, 200, 200)),
    "api-v1:health_check": ("get", (401, 404, 403, 200, 200, 200, 200)),
    # one's own learning record only (the member's activity and certificate)
    "api-v1:learning_activities": ("get", (401, 200, 200, 200, 200, 200, 200)),
    "api-v1:learning_activity": ("get", (401, 404, 404, 200, 404, 404, 404)),
    "api-v1:certificates": ("get", (401, 200, 200, 200, 200, 200, 200)),
    "api-v1:certificate": ("get", (401, 404, 404, 200, 404, 404, 404)),
}

# Third-party URL sets with their own tests: allauth's account pages and the
# operators' admin site (staff only).
EXCLUDED_NAMESPACES = {"admin"}


def _named_urls(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            if namespace in EXCLUDED_NAMESPACES:
                continue
            yield from _named_urls(pattern.url_patterns, f"{namespace}:" if namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if not prefix:  # allauth's un-namespaced account_* names
                continue
            yield prefix + pattern.name


def test_matrix_covers_every_url():
    assert set(_named_urls(get_resolver().url_patterns)) == set(MATRIX)


def _programme(world):
    programme = Programme.objects.create(name="Literacy together", organisation=world.cluster)
    programme.groups.add(world.group)
    return programme


@pytest.fixture
def fixtures(world):
    meeting = make_meeting(world)
    account_services.profile_picture_set(profile=world.member.profile, data=tiny_png())
    builtin = AgendaTemplate.objects.get(key="regular")
    thread = discussion_services.thread_start(
        group=world.group, by=world.facilitator, kind="question", title="How?", body="Ideas?"
    )
    cycle = inquiry_services.cycle_start(
        group=world.group,
        by=world.facilitator,
        question="What helps our Year 1 readers?",
        goals=world.group.goals.all(),
    )
    last_year = date.today().year - 1
    # This year's learning happened on 2 March, or yesterday while that is still to
    # come (in January and February), never in the future for the member in Auckland.
    yesterday = date.today() - timedelta(days=1)
    for year in (last_year, last_year + 1):
        recognition_services.learning_activity_add(
            user=world.member,
            kind="reading",
            done_on=max(date(year, 1, 1), min(date(year, 3, 2), yesterday)),
            minutes=90,
            note="Reading on structured literacy",
            group=world.group,
        )
    confirmed = recognition_services.certificate_request(
        user=world.member, group=world.group, year=last_year
    )
    confirmed = recognition_services.certificate_confirm(
        certificate=confirmed,
        by=world.facilitator,
        activity_ids=set(world.member.learning_activities.values_list("pk", flat=True)),
    )
    export = PdfExport(owner=world.member, title="Portfolio", filename="portfolio.pdf")
    export.status = PdfExportStatus.READY
    export.file.save("portfolio.pdf", ContentFile(b"%PDF-1.4"), save=False)
    export.save()
    data_export = DataExport(owner=world.member, status=ExportStatus.READY)
    data_export.file.save("export.zip", ContentFile(b"PK"), save=False)
    data_export.save()
    coaching = Programme.objects.create(name="Reading together", organisation=world.cluster)
    coaching.groups.add(world.group)
    coaching.coaches.add(world.colleague)
    observation = coaching_services.observation_start(
        coach=world.colleague, facilitator=world.facilitator, by=world.colleague, meeting=meeting
    )
    coaching_services.observation_save(
        observation=observation,
        by=world.colleague,
        edit=coaching_services.ObservationEdit(overall=coaching_services.Notes(went_well="Calm")),
    )
    return {
        "api_token": api_services.token_create(user=world.member, name="Sheet")[0],
        "programme": make_programme(world),
        "formation_run": make_run(world),
        "roster_import": roster_preview(
            org=world.school,
            by=world.admin,
            data=b"name,email,school,role,subjects,year levels,interests\nNui,nui@x.example,,,,,\n",
            file_name="roster.csv",
        ),
        "entry": reflection_services.entry_write(
            author=world.member,
            group=world.group,
            prompt="learned",
            title="Private thoughts",
            body="Only mine",
        ),
        "goal": reflection_services.personal_goal_add(
            user=world.member, group=world.group, text="Daily phonics groups"
        ),
        "feedback": reflection_services.feedback_ask(
            asker=world.member,
            group=world.group,
            about="lesson_plan",
            title="My plan",
            text="Is the launch too long?",
            colleagues=[world.facilitator],
        ),
        "cycle": cycle,
        "measure": GoalMeasure.objects.get(goal__in=cycle.goals.all()),
        # a fresh one for each persona: the member's and facilitator's POST removes it
        "evidence": inquiry_services.evidence_add(
            cycle=cycle,
            by=world.member,
            edit=inquiry_services.EvidenceEdit(
                kind="sample",
                title="Writing sample",
                stage=cycle.stage_key,
                upload=SimpleUploadedFile("work.pdf", b"%PDF-1.4"),
            ),
        ),
        "data_set": inquiry_services.data_set_save(
            cycle=cycle,
            by=world.member,
            spec=inquiry_services.DataSetSpec(
                title="Phonics check",
                kind="diagnostic",
                measure="Phonics check",
                taken_on=date.today(),
                stage=cycle.stage_key,
            ),
            rows=[inquiry_services.RowIn(value=12, code="L001")],
        ),
        "kudos": recognition_services.kudos_give(
            group=world.group, by=world.facilitator, receiver=world.member, text="Great notes"
        ),
        "learning": world.member.learning_activities.first(),
        "certificate": recognition_services.certificate_request(
            user=world.member, group=world.group, year=last_year + 1
        ),
        "confirmed": confirmed,
        "pdf_export": export,
        "data_export": data_export,
        "resource": library_services.resource_add(
            group=world.group,
            by=world.facilitator,
            kind="file",
            title="Plan",
            upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4"),
        ),
        "product": library_services.product_create(
            group=world.group,
            by=world.member,
            title="Reading rubric",
            product_kind="rubric",
            body="| Level | Looks like |",
        ),
        "thread": thread,
        "post": thread.posts.get(),
        "org_domain": OrgDomain.objects.create(
            organisation=world.school, domain="kowhai.school.nz", added_by=world.admin
        ),
        "org_invite": OrgInvite.objects.create(
            organisation=world.school, email="new@kowhai.example", invited_by=world.admin
        ),
        "group_invite": GroupInvite.objects.create(
            group=world.group, email="guest@kowhai.example", invited_by=world.facilitator
        ),
        "join_request": JoinRequest.objects.create(group=world.group, user=world.colleague),
        "supporter": GroupSupporter.objects.create(
            group=world.group,
            user=make_user("rtlb@awa.example", "Rawiri RTLB"),
            role_note="RTLB",
            invited_by=world.facilitator,
        ),
        "period": SchoolPeriod.objects.create(
            organisation=world.school,
            kind="term",
            name="Term 1",
            first_day=date(2027, 2, 1),
            last_day=date(2027, 4, 16),
        ),
        "meeting": meeting,
        "survey": voice_services.survey_create(
            group=world.group,
            by=world.member,
            audience="learners",
            title={"en": "Reading"},
            languages=["en"],
            questions=[voice_services.QuestionPlan(kind="scale", text={"en": "I enjoy reading."})],
        ),
        # A check open now (the world's group is too small for the service to open one).
        "health_check": HealthCheck.objects.create(
            group=world.group,
            number=1,
            opened_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=7),
            threshold=4,
        ),
        "action": meeting_services.action_add(
            group=world.group, by=world.facilitator, text="Read chapter 2", meeting=meeting
        ),
        "guest": MeetingGuest.objects.create(
            meeting=meeting, name="Dr Expert", email="expert@uni.example"
        ),
        "builtin": builtin,
        "own_template": meeting_services.template_copy(
            template=builtin, group=world.group, by=world.facilitator
        ),
        "feed": meeting_services.feed_for(user=world.member),
        "note": Notification.objects.create(
            user=world.member, category="polls", title="When?", url="/"
        ),
        "proposal": proposal_services.proposal_open(
            group=world.group,
            by=world.member,
            kind="decision",
            title="Trial the reading app",
            reason="Colleagues elsewhere found it useful.",
            text="We trial the reading app for a term.",
            deadline=timezone.now() + timedelta(days=3),
        ),
        "objective": LearningObjective.objects.create(
            organisation=world.school, title="Structured literacy"
        ),
        "cluster_programme": _programme(world),
        "poll": make_poll(world),
        "advice": coaching_services.advice_ask(
            coach=world.colleague,
            facilitator=world.facilitator,
            by=world.facilitator,
            question="How do I start the round?",
        ),
        "observation": coaching_services.observation_share(
            observation=observation, by=world.colleague
        ),
        "webhook": _webhook_delivery(world),
    }


def _webhook_delivery(world):
    """A delivery of an endpoint of the school (made directly: nothing is sent)."""
    endpoint = webhook_services.endpoint_create(
        organisation=world.school,
        by=world.admin,
        url="https://hooks.kowhai.example/kahui",
        events=["group.created"],
    )
    event = WebhookEvent.objects.create(
        organisation=world.school,
        type="group.created",
        key="group.created:test",
        occurred_at=timezone.now(),
        data={},
    )
    return WebhookDelivery.objects.create(endpoint=endpoint, event=event)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(client, world, fixtures, name, persona):
    method, answers = MATRIX[name]
    expected = answers[PERSONAS.index(persona)]
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    url = reverse(name, args=_args(world, fixtures)[name])
    response = getattr(client, method)(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == int(expected), (
            f"{persona} {method.upper()} {url}: {response.status_code}, expected {expected}"
        )

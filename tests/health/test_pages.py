"""The health pages with every persona: the overview while a check is open and after
it closed, the answer form (never showing an answer once sent), the viewer's status on
the group home, the facilitators' settings and opening a check now."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.health import services
from kahui.health.charts import trend_svg
from kahui.health.models import HealthAnswer, HealthCheck, HealthSettings
from kahui.health.results import CONDITIONS
from kahui.health.views import findings
from tests.health.conftest import scores

pytestmark = pytest.mark.django_db


def url(name, world):
    return reverse(f"health:{name}", args=[world.group.public_id])


def page(client, who, address):
    client.force_login(who)
    response = client.get(address)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def answer_data(level=3, comment="", **levels):
    return {
        **{key: str(value) for key, value in scores(level, **levels).items()},
        "comment": comment,
    }


def closed_check(world, team, comments=("Kia kaha", "More time to plan, please")):
    check = services.check_open(group=world.group, by=world.facilitator)
    for index, person in enumerate(team[:5]):
        services.answer_save(
            check=check,
            by=person,
            scores=scores(4, safety=2 + index % 2),
            comment=comments[index] if index < len(comments) else "",
        )
    return services.check_close(check=check)


def results_part(html: str) -> str:
    """What the overview shows beside the open check's count: the results and trend (the
    forms' CSRF tokens, masked anew for every page, left out)."""
    rest = html[html.index('id="now"') :].split("</section>", 1)[1]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", rest)


# -- The overview ------------------------------------------------------------------------------


def test_nothing_but_the_count_changes_while_a_check_is_open(client, world, team):
    """No 'change since the last view': with 4 answers and with 5, the page differs only
    in how many have answered, so the fifth answer cannot be read off the difference."""
    check = services.check_open(group=world.group, by=world.facilitator)
    for person in team[:4]:
        services.answer_save(check=check, by=person, scores=scores(4))
    four = page(client, world.facilitator, url("overview", world))
    services.answer_save(check=check, by=team[4], scores=scores(1, trust=5), comment="Low")
    five = page(client, world.facilitator, url("overview", world))
    assert "4 of 6 members have answered" in four
    assert "5 of 6 members have answered" in five
    assert results_part(four) == results_part(five)
    assert "No health check has closed yet" in five
    for html in (four, five):
        assert "Low" not in re.sub(r"<[^>]+>", " ", html).split()
        assert "Mean (1–5)" not in html


def test_members_see_results_the_weakest_condition_a_next_step_and_the_comments(
    client, world, team
):
    closed_check(world, team)
    html = page(client, world.member, url("overview", world))
    assert "Latest results: health check 1" in html
    assert "5 of 6 members answered" in html
    assert "Weakest: Safety (2.4 of 5)" in html
    # The next step for safety is a review of the agreements, where members read them.
    home = reverse("groups:home", args=[world.group.public_id])
    assert f'href="{home}#norms-title"' in html
    assert "Kia kaha" in html
    assert "More time to plan, please" in html
    assert html.index("Kia kaha") < html.index("More time to plan")  # alphabetical
    assert 'role="img"' in html
    assert 'class="trend-chart"' in html
    # Facilitators are taken to where they change the agreements.
    html = page(client, world.facilitator, url("overview", world))
    edit = reverse("groups:edit", args=[world.group.public_id, "norms"])
    assert f'href="{edit}"' in html
    assert url("settings", world) in html


def test_overseers_see_the_totals_but_never_a_comment(client, world, team):
    closed_check(world, team)
    for overseer in (world.coordinator, world.admin):
        html = page(client, overseer, url("overview", world))
        assert "Weakest: Safety" in html
        assert "Comments are for the group" in html
        assert "Kia kaha" not in html
        assert "More time to plan" not in html
        assert url("answer", world) not in html
        assert url("settings", world) not in html


def test_a_next_step_protocol_links_to_the_protocol(client, world, team):
    check = services.check_open(group=world.group, by=world.facilitator)
    for person in team[:4]:
        services.answer_save(check=check, by=person, scores=scores(4, depth=1))
    services.check_close(check=check)
    html = page(client, world.member, url("overview", world))
    protocols = reverse("meetings:templates", args=[world.group.public_id])
    assert f'href="{protocols}#protocol-consultancy"' in html
    assert 'id="protocol-consultancy"' in page(client, world.member, protocols)


def test_a_check_with_too_few_answers_says_so_and_shows_no_numbers(client, world, team):
    check = services.check_open(group=world.group, by=world.facilitator)
    for person in team[:3]:
        services.answer_save(check=check, by=person, scores=scores(2))
    services.check_close(check=check)
    html = page(client, world.member, url("overview", world))
    assert "Too few answers to show (3; 4 needed)" in html
    assert "Latest results" not in html


def test_the_overview_reads_a_long_history_in_few_queries(
    client, world, team, django_assert_max_num_queries
):
    start = timezone.now() - timedelta(weeks=60)
    for number in range(10):
        opened = start + timedelta(weeks=6 * number)
        check = services.check_open(group=world.group, by=world.facilitator, now=opened)
        for person in team[: 3 + number % 3]:
            services.answer_save(check=check, by=person, scores=scores(2 + number % 4), now=opened)
        services.check_close(check=check, now=opened + timedelta(days=7))
    services.check_open(group=world.group, by=world.facilitator)
    client.force_login(world.member)
    with django_assert_max_num_queries(12):
        response = client.get(url("overview", world))
    html = response.content.decode()
    assert html.count('class="trend-chart"') == 6
    assert html.count("Too few answers") == 4


def test_the_trend_is_drawn_once_until_the_next_check_closes(client, world, team, monkeypatch):
    drawn = []

    def counted(**chart):
        drawn.append(chart["chart_id"])
        return trend_svg(**chart)

    monkeypatch.setattr(findings, "trend_svg", counted)
    closed_check(world, team)
    first = page(client, world.member, url("overview", world))
    page(client, world.coordinator, url("overview", world))
    assert sorted(drawn) == sorted(f"trend-{key}" for key in CONDITIONS)
    closed_check(world, team)
    second = page(client, world.member, url("overview", world))
    assert len(drawn) == 12
    assert "in the last 1 health checks" in first
    assert "in the last 2 health checks" in second


def test_each_page_gives_the_charts_its_own_nonce_and_allows_it(client, world, team):
    """The charts' CSS is a <style> element the Content-Security-Policy lets in by the
    request's nonce, whether the chart was just drawn or kept from an earlier view."""
    closed_check(world, team)
    client.force_login(world.member)
    seen = set()
    for _ in range(2):
        response = client.get(url("overview", world))
        policy = response["Content-Security-Policy"]
        nonce = re.search(r"style-src 'self' 'nonce-([^']+)'", policy).group(1)
        html = response.content.decode()
        assert re.findall(r'<style[^>]* nonce="([^"]*)"', html) == [nonce] * 6
        assert html.count("<style") == 6  # none without it
        seen.add(nonce)
    assert len(seen) == 2


# -- Answering ---------------------------------------------------------------------------------


def test_the_form_is_never_filled_with_an_answer_once_sent(client, world, team):
    check = services.check_open(group=world.group, by=world.facilitator)
    client.force_login(world.member)
    form = client.get(url("answer", world))
    assert form["Cache-Control"] == "no-store"
    html = form.content.decode()
    assert html.count('type="radio"') == 30
    assert "checked" not in html
    assert "Send my answer" in html
    response = client.post(url("answer", world), answer_data(2, comment="Only mine"))
    assert response.status_code == 302
    assert response["Location"] == url("overview", world)
    assert HealthAnswer.objects.filter(health_check=check).count() == 1
    again = client.get(url("answer", world))
    html = again.content.decode()
    assert "You have answered this check" in html
    assert "Replace my answer" in html
    assert "checked" not in html
    assert "Only mine" not in html
    assert again["Cache-Control"] == "no-store"


def test_a_form_with_a_missing_level_keeps_what_was_chosen(client, world, team):
    services.check_open(group=world.group, by=world.facilitator)
    client.force_login(world.member)
    data = answer_data(4, comment="Half done")
    del data["depth"]
    response = client.post(url("answer", world), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a level from 1 to 5 for “Depth”." in html
    assert html.count("checked") == 5  # the five chosen before sending
    assert "Half done" in html
    assert not HealthAnswer.objects.exists()


def test_answering_with_htmx_returns_the_thank_you_in_place(client, world, team):
    services.check_open(group=world.group, by=world.facilitator)
    client.force_login(world.member)
    response = client.post(url("answer", world), answer_data(5), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('\n<div id="answer"') or html.lstrip().startswith('<div id="answer"')
    assert "Thank you: your answer is saved." in html
    assert "checked" not in html
    assert "<html" not in html
    # htmx swaps only 2xx answers: a form with a level missing comes back as a 200.
    data = answer_data(5)
    del data["trust"]
    response = client.post(url("answer", world), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Choose a level from 1 to 5 for “Trust and belonging”." in response.content.decode()


def test_no_check_open_no_answer(client, world, team):
    client.force_login(world.member)
    assert "No health check is open" in client.get(url("answer", world)).content.decode()
    response = client.post(url("answer", world), answer_data(3), follow=True)
    assert "No health check is open in this group." in response.content.decode()
    # A check that closed while the form was open refuses the answer, keeping it.
    check = services.check_open(group=world.group, by=world.facilitator)
    HealthCheck.objects.filter(pk=check.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    response = client.post(url("answer", world), answer_data(3, comment="Too late"))
    assert response.status_code == 400
    assert "This health check has closed." in response.content.decode()


# -- The group home ----------------------------------------------------------------------------


def test_the_group_home_shows_an_open_check_and_the_viewer_their_own_status(
    client, world, team, django_assert_max_num_queries
):
    home = reverse("groups:home", args=[world.group.public_id])
    assert "health-card-title" not in page(client, world.member, home)
    check = services.check_open(group=world.group, by=world.facilitator)
    html = page(client, world.member, home)
    assert "health-card-title" in html
    assert f'hx-get="{url("status", world)}"' in html
    assert "health-card-title" not in page(client, world.coordinator, home)
    assert "Waiting for your answer" in page(client, world.member, url("status", world))
    services.answer_save(check=check, by=world.member, scores=scores(3))
    status = page(client, world.member, url("status", world))
    assert "Answered" in status
    assert "Waiting for your answer" in page(client, team[2], url("status", world))
    client.force_login(world.member)
    with django_assert_max_num_queries(8):
        client.get(url("status", world))
    # Once it has closed, the card goes with the next change of the group's log.
    for person in team:
        if person != world.member:
            services.answer_save(check=check, by=person, scores=scores(3))
    assert "health-card-title" not in page(client, world.member, home)
    assert "No health check is open now." in page(client, world.member, url("status", world))


def test_the_history_reads_what_kahui_did_without_a_name(client, world, team):
    closed_check(world, team)
    html = page(client, world.member, reverse("groups:history", args=[world.group.public_id]))
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Aroha Facilitator opened a health check" in text
    assert "A health check closed" in text
    assert "Someone A health check closed" not in text


# -- Settings and opening ------------------------------------------------------------------------


def test_facilitators_choose_the_cadence_and_a_threshold_of_at_least_three(client, world, team):
    client.force_login(world.facilitator)
    html = client.get(url("settings", world)).content.decode()
    assert "Off: only when a facilitator opens one" in html
    bad = {"cadence_weeks": "6", "open_days": "7", "threshold": "2"}
    response = client.post(url("settings", world), bad)
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 3." in response.content.decode()
    assert not HealthSettings.objects.exists()
    good = {**bad, "threshold": "5"}
    response = client.post(url("settings", world), good)
    assert response["Location"] == url("settings", world)
    saved = HealthSettings.objects.get()
    assert (saved.cadence_weeks, saved.open_days, saved.threshold) == (6, 7, 5)
    html = page(client, world.member, url("overview", world))
    assert "The next opens on" in html


def test_a_facilitator_opens_a_check_until_a_day_they_choose(client, world, team):
    client.force_login(world.facilitator)
    today = timezone.localdate()
    response = client.post(url("open", world), {"closes_on": today.isoformat()})
    assert response.status_code == 400
    assert "Choose a day from tomorrow on." in response.content.decode()
    day = today + timedelta(days=5)
    response = client.post(url("open", world), {"closes_on": day.isoformat()})
    assert response["Location"] == url("overview", world)
    check = HealthCheck.objects.get()
    closes = timezone.localtime(check.closes_at)
    assert (closes.date(), closes.hour, closes.minute) == (day, 23, 59)
    response = client.post(url("open", world), {"closes_on": day.isoformat()})
    assert response.status_code == 400
    assert "A health check is open already." in response.content.decode()


def test_a_group_too_small_is_told_why_no_check_opens(client, world):
    client.force_login(world.facilitator)
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(url("open", world), {"closes_on": day.isoformat()})
    assert response.status_code == 400
    assert "could never show any" in response.content.decode()


def test_every_condition_has_a_question_and_five_described_levels(client, world, team):
    services.check_open(group=world.group, by=world.facilitator)
    html = page(client, world.member, url("answer", world))
    assert html.count("<legend>") == len(CONDITIONS)
    for key in CONDITIONS:
        for level in range(1, 6):
            assert f'id="id_{key}_{level - 1}"' in html
            assert f'for="id_{key}_{level - 1}"' in html
        assert f'aria-describedby="id_{key}_question"' in html

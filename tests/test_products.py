"""Shared products in the library: written together, every version kept, a stale save
refused with both texts shown, earlier versions restored, published beyond the group."""

import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.library import services
from kahui.library.models import ResourceKind, Visibility

pytestmark = pytest.mark.django_db


def begin(world, **kwargs):
    options = {
        "group": world.group,
        "by": world.member,
        "title": "Reading rubric",
        "product_kind": "rubric",
        "body": "# Levels\n\n- Beginning",
    }
    options.update(kwargs)
    return services.product_create(**options)


def edit_url(product):
    return reverse("library:product_edit", args=[product.group.public_id, product.public_id])


def test_a_product_begins_at_version_1_in_the_groups_round_and_stage(world):
    world.group.cycle, world.group.stage = 3, "plan"
    world.group.save()
    product = begin(world)
    assert product.kind == ResourceKind.PRODUCT
    assert (product.cycle, product.stage, product.version) == (3, "plan", 1)
    assert product.visibility == Visibility.GROUP
    assert list(product.versions.values_list("version", "body")) == [(1, "# Levels\n\n- Beginning")]
    assert ActivityEntry.objects.filter(action="library.product_started").count() == 1


def test_only_members_begin_or_edit_a_product(world):
    with pytest.raises(NotAllowed):
        begin(world, by=world.coordinator)
    product = begin(world)
    with pytest.raises(NotAllowed):
        services.product_save(resource=product, by=world.colleague, title="x", body="y", version=1)


def test_every_member_saves_versions_and_every_version_is_kept(world):
    product = begin(world)
    product = services.product_save(
        resource=product, by=world.facilitator, title="Reading rubric", body="v2", version=1
    )
    product = services.product_save(
        resource=product, by=world.member, title="Rubric", body="v3", version=2
    )
    assert (product.version, product.title, product.body) == (3, "Rubric", "v3")
    assert list(product.versions.values_list("version", "body")) == [
        (3, "v3"),
        (2, "v2"),
        (1, "# Levels\n\n- Beginning"),
    ]
    assert ActivityEntry.objects.filter(action="library.product_saved").count() == 2


def test_saving_the_same_text_makes_no_version(world):
    product = begin(world)
    same = services.product_save(
        resource=product, by=world.member, title=product.title, body=product.body, version=1
    )
    assert same.version == 1
    assert product.versions.count() == 1


def test_a_stale_save_is_refused_with_the_other_text(world):
    product = begin(world)
    services.product_save(
        resource=product, by=world.facilitator, title="Reading rubric", body="Theirs", version=1
    )
    with pytest.raises(services.ProductConflict) as conflict:
        services.product_save(
            resource=product, by=world.member, title="Reading rubric", body="Mine", version=1
        )
    assert (conflict.value.body, conflict.value.version) == ("Theirs", 2)
    product.refresh_from_db()
    assert product.body == "Theirs"


def test_restoring_an_earlier_version_saves_it_as_the_newest(world):
    product = begin(world)
    services.product_save(
        resource=product, by=world.member, title="Reading rubric", body="Worse", version=1
    )
    product = services.product_restore(resource=product, by=world.facilitator, number=1, version=2)
    assert (product.version, product.body) == (3, "# Levels\n\n- Beginning")
    newest = product.versions.first()
    assert (newest.version, newest.restored_from) == (3, 1)
    entry = ActivityEntry.objects.get(action="library.product_restored")
    assert entry.changes["version"] == {"label": "Version", "from": "1", "to": "3"}
    with pytest.raises(KahuiError, match="no such version"):
        services.product_restore(resource=product, by=world.member, number=9, version=3)


def test_a_product_cannot_be_added_as_an_ordinary_resource(world):
    with pytest.raises(KahuiError):
        services.resource_add(group=world.group, by=world.member, kind="product", title="x")


def test_the_list_shows_one_rounds_products_in_few_queries(
    client, world, django_assert_max_num_queries
):
    for number in range(4):
        begin(world, title=f"Round one {number}")
    world.group.cycle = 2
    world.group.save()
    for number in range(4):
        begin(world, title=f"Round two {number}")
    client.force_login(world.member)
    url = reverse("library:products", args=[world.group.public_id])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.text.count("Round two") == 4
    assert "Round one" not in response.text
    response = client.get(url + "?cycle=1")
    assert response.text.count("Round one") == 4


def test_two_members_edit_and_the_later_save_shows_the_conflict(client, world):
    product = begin(world)
    client.force_login(world.facilitator)
    response = client.post(
        edit_url(product), {"title": "Reading rubric", "body": "Facilitator's text", "version": 1}
    )
    assert response.status_code == 302
    client.force_login(world.member)
    response = client.post(
        edit_url(product), {"title": "Reading rubric", "body": "Member's text", "version": 1}
    )
    assert response.status_code == 409
    assert "Facilitator&#x27;s text" in response.text  # theirs, shown beside
    assert "Member&#x27;s text" in response.text  # mine, still in the box
    assert 'name="version" value="2"' in response.text
    response = client.post(
        edit_url(product), {"title": "Reading rubric", "body": "Merged", "version": 2}
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.version, product.body) == (3, "Merged")


def test_the_product_is_shown_as_sanitised_markdown(client, world):
    product = begin(world, body="**Bold** <script>alert(1)</script>")
    client.force_login(world.member)
    url = reverse("library:resource", args=[world.group.public_id, product.public_id])
    response = client.get(url)
    assert "<strong>Bold</strong>" in response.text
    assert "<script>alert(1)" not in response.text
    assert edit_url(product) in response.text


def test_a_published_product_is_read_beyond_the_group_but_written_only_within(client, world):
    product = begin(world)
    services.resource_publish(resource=product, by=world.member, visibility=Visibility.ORGANISATION)
    client.force_login(world.colleague)
    url = reverse("library:resource", args=[world.group.public_id, product.public_id])
    response = client.get(url)
    assert response.status_code == 200
    assert "Beginning" in response.text
    assert edit_url(product) not in response.text
    assert client.get(edit_url(product)).status_code == 403
    versions = reverse("library:product_versions", args=[world.group.public_id, product.public_id])
    assert client.get(versions).status_code == 403


def test_the_versions_page_lists_each_and_restores_one(client, world):
    product = begin(world)
    services.product_save(
        resource=product, by=world.member, title="Reading rubric", body="Second", version=1
    )
    client.force_login(world.member)
    args = [world.group.public_id, product.public_id]
    response = client.get(reverse("library:product_versions", args=args))
    assert "Version 2 by Mere Member" in response.text
    assert "Restore version 1" in response.text
    response = client.post(reverse("library:product_restore", args=[*args, 1]), {"version": 2})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.version == 3
    # a restore based on a version that is no longer current changes nothing
    response = client.post(reverse("library:product_restore", args=[*args, 2]), {"version": 2})
    product.refresh_from_db()
    assert product.version == 3


def test_an_ordinary_resource_has_no_editing_page(client, world):
    note = services.resource_add(
        group=world.group, by=world.member, kind="note", title="Note", body="Text"
    )
    client.force_login(world.member)
    assert client.get(edit_url(note)).status_code == 404


def test_a_copy_of_a_product_starts_its_own_history_in_the_other_group(world):
    from tests.conftest import make_group

    other = make_group(world.member, name="Other group")
    product = services.product_save(
        resource=begin(world), by=world.member, title="Reading rubric", body="Two", version=1
    )
    copy = services.resource_copy(resource=product, to_group=other, by=world.member)
    assert (copy.kind, copy.product_kind, copy.cycle) == ("product", "rubric", other.cycle)
    assert list(copy.versions.values_list("version", "body")) == [(1, "Two")]


def test_a_member_begins_a_product_from_the_form(client, world):
    client.force_login(world.member)
    url = reverse("library:product_new", args=[world.group.public_id])
    response = client.post(url, {"title": "Guide", "product_kind": "guide", "body": ""})
    assert response.status_code == 400
    assert 'value="Guide"' in response.text
    response = client.post(
        url, {"title": "Guide", "product_kind": "guide", "body": "## Step 1", "description": ""}
    )
    product = world.group.resources.get(kind="product")
    assert response.status_code == 302
    assert (product.title, product.product_kind, product.version) == ("Guide", "guide", 1)


def test_an_empty_save_is_refused_and_keeps_the_title(client, world):
    product = begin(world)
    client.force_login(world.member)
    response = client.post(edit_url(product), {"title": "New title", "body": "", "version": 1})
    assert response.status_code == 400
    assert 'value="New title"' in response.text
    product.refresh_from_db()
    assert product.version == 1


def test_a_damaged_version_number_is_treated_as_a_conflict(client, world):
    product = begin(world)
    client.force_login(world.member)
    response = client.post(edit_url(product), {"title": "T", "body": "Mine", "version": "x"})
    assert response.status_code == 409
    assert "Mine" in response.text
    assert 'name="version" value="1"' in response.text


def test_a_bad_round_in_the_address_shows_the_current_one(client, world):
    begin(world)
    client.force_login(world.member)
    url = reverse("library:products", args=[world.group.public_id])
    response = client.get(url + "?cycle=abc")
    assert response.status_code == 200
    assert "Reading rubric" in response.text

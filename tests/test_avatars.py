"""Avatars: initials on a stable colour, or a picture uploaded on the profile page,
made upright, square, small and free of metadata; served to whoever may see the
profile."""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image

from kahui.core import avatars
from tests.conftest import tiny_png

pytestmark = pytest.mark.django_db


def _photo_on_its_side() -> bytes:
    """A 300 × 200 JPEG, red on the left and blue on the right, that the camera says
    to turn 90° clockwise (EXIF orientation 6), with a camera make and a place."""
    image = Image.new("RGB", (300, 200), "blue")
    image.paste(Image.new("RGB", (150, 200), "red"), (0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation
    exif[0x010F] = "Phone Maker"  # make
    exif[0x8825] = {1: "S", 2: (36.0, 51.0, 0.0)}  # GPS
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _upload(client, data: bytes, name="me.jpg", content_type="image/jpeg"):
    return client.post(
        reverse("accounts:picture"),
        {"picture": SimpleUploadedFile(name, data, content_type=content_type)},
    )


def test_a_picture_is_turned_upright_cropped_square_and_stripped(client, world):
    client.force_login(world.member)
    response = _upload(client, _photo_on_its_side())
    assert response.status_code == 302
    world.member.profile.refresh_from_db()
    with default_storage.open(world.member.profile.avatar.name) as stored:
        picture = Image.open(BytesIO(stored.read()))
        picture.load()
    assert picture.format == "WEBP"
    assert picture.size == (256, 256)
    assert not picture.getexif()
    assert "icc_profile" not in picture.info
    assert "exif" not in picture.info
    # turned clockwise, the red left half is now at the top
    red, _green, blue = picture.convert("RGB").getpixel((128, 20))
    assert red > 200
    assert blue < 60
    red, _green, blue = picture.convert("RGB").getpixel((128, 236))
    assert blue > 200
    assert red < 60


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"not a picture at all", "notes.txt", "This file is not a picture Kāhui can read."),
        (b"\0" * (8 * 1024 * 1024 + 1), "huge.jpg", "The picture is larger than 8 MB."),
    ],
)
def test_what_is_not_a_usable_picture_gets_a_clear_error(client, world, data, name, message):
    client.force_login(world.member)
    response = _upload(client, data, name=name)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Mere Member"' in html  # the profile form is still there
    world.member.profile.refresh_from_db()
    assert not world.member.profile.avatar


def test_other_image_formats_are_refused(client, world):
    out = BytesIO()
    Image.new("RGB", (20, 20)).save(out, format="BMP")
    client.force_login(world.member)
    response = _upload(client, out.getvalue(), name="me.bmp", content_type="image/bmp")
    assert "Choose a JPEG, PNG, WebP or GIF picture." in response.content.decode()


def test_a_new_picture_replaces_the_old_and_removing_it_brings_initials_back(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.member)
    _upload(client, tiny_png(), name="a.png", content_type="image/png")
    world.member.profile.refresh_from_db()
    first = world.member.profile.avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, tiny_png(colour="#ffaa00"), name="b.png", content_type="image/png")
    world.member.profile.refresh_from_db()
    second = world.member.profile.avatar.name
    assert second != first
    assert not default_storage.exists(first)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("people:avatar", args=[world.member.public_id]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:picture_remove"), {"confirm": "yes"})
    assert response.status_code == 302
    world.member.profile.refresh_from_db()
    assert not world.member.profile.avatar
    assert not default_storage.exists(second)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'class="avatar avatar-c' in page


def test_a_picture_is_served_to_whoever_may_see_the_profile(client, world):
    client.force_login(world.member)
    _upload(client, tiny_png(), name="a.png", content_type="image/png")
    url = reverse("people:avatar", args=[world.member.public_id])
    client.force_login(world.facilitator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.member)
    # someone without a picture has none to serve
    assert (
        client.get(reverse("people:avatar", args=[world.facilitator.public_id])).status_code == 404
    )


def test_the_avatar_tag_draws_initials_on_a_stable_colour_or_the_picture(world):
    template = Template("{% load kahui %}{% avatar person 56 %}")
    html = template.render(Context({"person": world.member}))
    colour = avatars.colour(str(world.member.public_id))
    assert html == (
        f'<span class="avatar avatar-c{colour} avatar-large" aria-hidden="true">MM</span>'
    )
    assert avatars.colour(str(world.member.public_id)) == colour
    assert avatars.initials("Aroha Te Rangi") == "AR"
    assert avatars.initials("Zoë") == "Z"
    assert avatars.initials("") == "?"
    assert "avatar-none" in Template("{% load kahui %}{% avatar None %}").render(Context({}))
    from kahui.accounts.services import profile_picture_set

    profile_picture_set(profile=world.member.profile, data=tiny_png())
    html = template.render(Context({"person": world.member}))
    assert html.startswith('<img class="avatar avatar-large" src="/people/')
    assert 'alt="" width="56" height="56"' in html


def test_pictures_are_kept_out_of_the_public_media_url(client, world):
    client.force_login(world.member)
    _upload(client, tiny_png(), name="a.png", content_type="image/png")
    world.member.profile.refresh_from_db()
    assert world.member.profile.avatar.name.startswith("private/avatars/")

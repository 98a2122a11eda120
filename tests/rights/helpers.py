"""What the data rights tests share: a member with private and shared data, and an
export made and opened."""

import io
import zipfile

from django.urls import reverse

from kahui.discussions import services as discussions
from kahui.reflection import services as reflection
from kahui.rights.models import DataExport
from tests.conftest import make_user


def member_with_data(world):
    """``world.member`` with a bio, a private journal entry and a thread; a peer with a
    private journal entry of their own."""
    profile = world.member.profile
    profile.bio = "Quokkabio ponders fractions"
    profile.save()
    reflection.entry_write(
        author=world.member,
        group=world.group,
        prompt="learned",
        title="Mere's journal",
        body="Zebrawords only Mere may read",
    )
    thread = discussions.thread_start(
        group=world.group,
        by=world.member,
        kind="question",
        title="Fractions with manipulatives",
        body="Kiwicontribution shared with the group",
    )
    peer = make_user("pe@kowhai.example", "Pita Peer", organisation=world.school)
    world.group.memberships.create(user=peer, role="member")
    reflection.entry_write(
        author=peer,
        group=world.group,
        prompt="learned",
        title="Pita's journal",
        body="Pitasecret words",
    )
    return thread, peer


def export_of(client, user, capture) -> tuple[DataExport, dict[str, bytes]]:
    """Ask for ``user``'s export as they would, let the worker make it, download it
    and open the zip."""
    client.force_login(user)
    with capture(execute=True):
        response = client.post(reverse("rights:my_data"))
    assert response.status_code == 302
    export = DataExport.objects.filter(owner=user).latest("created_at")
    assert export.status == "ready"
    response = client.get(reverse("rights:export_download", args=[export.public_id]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return export, {name: archive.read(name) for name in archive.namelist()}


def everything(files: dict[str, bytes]) -> str:
    return "\n".join(data.decode("utf-8", "replace") for data in files.values())

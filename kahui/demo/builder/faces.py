"""Profile pictures for some demo people: a simple drawn head and shoulders on a
colour of its own, made with Pillow from the person's key, so every build draws the
same. Everyone else shows their initials."""

import zlib
from io import BytesIO

from PIL import Image, ImageDraw

BACKGROUNDS = ["#cfe8e3", "#f5d9c4", "#dcd3ec", "#f3e7b3", "#cde0f2", "#e7d0dc"]
TONES = ["#8d5524", "#c68642", "#e0ac69", "#f1c27d", "#ffdbac", "#5c3a1e"]
CLOTHES = ["#0b5c57", "#7a3e9d", "#a33a2b", "#1f5f99", "#2e6b2f", "#4a5568"]


def has_picture(key: str) -> bool:
    """About one person in three has uploaded a picture."""
    return zlib.crc32(key.encode()) % 3 == 0


def portrait(key: str) -> bytes:
    """A 200 × 240 PNG (the upload is cropped square and made small, as any is)."""
    seed = zlib.crc32(key.encode())
    image = Image.new("RGB", (200, 240), BACKGROUNDS[seed % len(BACKGROUNDS)])
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 150, 170, 300), fill=CLOTHES[(seed >> 4) % len(CLOTHES)])
    draw.ellipse((60, 50, 140, 150), fill=TONES[(seed >> 8) % len(TONES)])
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()

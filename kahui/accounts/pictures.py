"""A profile picture made fit to show: turned as the camera meant (EXIF orientation),
cropped square around its middle, scaled to 256 pixels and saved as WebP without any
of the original's metadata (location, camera, date)."""

from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

SIDE = 256
MAX_BYTES = 8 * 1024 * 1024
# Larger images are refused before they are decoded (a small file can unpack huge).
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class PictureError(ValueError):
    """The upload is not a picture Kāhui can use; the message says why."""


def check_picture(data: bytes) -> None:
    """Refuse, by its size and header alone, what cannot become a picture; the
    ``PictureError``'s message is a code: ``too-large``, ``format``,
    ``too-many-pixels`` or ``unreadable``."""
    if len(data) > MAX_BYTES:
        raise PictureError("too-large")
    try:
        with Image.open(BytesIO(data)) as image:
            if image.format not in FORMATS:
                raise PictureError("format")
            if image.width * image.height > MAX_PIXELS:
                raise PictureError("too-many-pixels")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise PictureError("unreadable") from error


def square_picture(data: bytes) -> bytes:
    """``data`` (a JPEG, PNG, WebP or GIF) as a 256 × 256 WebP without metadata."""
    check_picture(data)
    try:
        with Image.open(BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise PictureError("unreadable") from error
    has_alpha = upright.mode in ("RGBA", "LA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    upright = upright.convert("RGBA" if has_alpha else "RGB")
    square = ImageOps.fit(upright, (SIDE, SIDE), method=Image.Resampling.LANCZOS)
    square.info = {}  # nothing of the original's metadata goes with it
    out = BytesIO()
    square.save(out, format="WEBP", quality=85, method=4)
    return out.getvalue()

"""Screen readers hear what the editor wrote under a photo: alt text comes from the caption."""

import re

import pytest
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file


def upload(title: str, description: str = "") -> Image:
    return Image.objects.create(
        title=title,
        description=description,
        file=ImageFile(get_test_image_file(size=(900, 600)), name="p.png"),
    )


@pytest.fixture
def photo(db):
    return upload("IMG_4471", description="Bryan Heynen aan de bal")


def image_alts(html: str) -> list[str]:
    main = html.split('<main id="inhoud"', 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<noscript>.*?</noscript>", "", main, flags=re.S)  # the view-count pixel
    return re.findall(r'<img [^>]*alt="([^"]*)"', main)


def test_body_photos_take_their_alt_text_from_the_caption(client, article, photo):
    bare = upload("Heynen en Ito")
    page = article(
        "Genk wint de topper",
        body=[
            ("image", {"image": photo, "caption": "Heynen viert de 2-1", "credit": "Belga"}),
            # No caption: the image's description (alt text in Wagtail), else its title.
            ("image", {"image": photo, "caption": "", "credit": ""}),
            ("image", {"image": bare, "caption": "", "credit": ""}),
        ],
    )
    html = client.get(page.url).content.decode()
    assert image_alts(html) == ["Heynen viert de 2-1", "Bryan Heynen aan de bal", "Heynen en Ito"]
    assert "<figcaption>Heynen viert de 2-1" in html


def test_hero_photo_without_caption_uses_the_image_description(client, article, photo):
    page = article("Genk leidt", hero_image=photo)
    html = client.get(page.url).content.decode()
    assert image_alts(html)[0] == "Bryan Heynen aan de bal"
    assert 'property="og:image:alt" content="Bryan Heynen aan de bal"' in html

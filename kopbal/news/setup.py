"""The page tree every kopbal site starts from: a home page and its sections."""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import HomePage, SectionPage

SECTIONS = [
    ("Belgisch voetbal", "belgisch-voetbal"),
    ("Buitenlands voetbal", "buitenlands-voetbal"),
    ("Transfers", "transfers"),
]


@transaction.atomic
def ensure_site_structure() -> HomePage:
    """Create the home page (replacing Wagtail's welcome page) and the sections, once."""
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migrations make the locale and the root; a flushed database has neither.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", live=True)
        )
        welcome = [p for p in root.get_children() if p.specific_class is Page]
        home = root.add_child(instance=HomePage(title="Kopbal", slug="kopbal"))
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Kopbal",
            )
        else:
            site.root_page = home
            site.site_name = site.site_name or "Kopbal"
            site.save()
        for page in welcome:
            page.delete()
    existing = set(home.get_children().values_list("slug", flat=True))
    for title, slug in SECTIONS:
        if slug not in existing:
            section = SectionPage(title=title, slug=slug, show_in_menus=True)
            home.add_child(instance=section)
            section.save_revision().publish()
    return home


def section_for(slug: str) -> SectionPage:
    return SectionPage.objects.get(slug=slug)

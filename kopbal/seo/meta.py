"""What search engines and social networks read from each page.

One function builds the metadata of any reader page from its template context: the
canonical URL, OpenGraph and Twitter card tags, feed links and schema.org JSON-LD
(NewsArticle on articles; WebSite with a SearchAction and Organization on the home page).
URLs are absolute on the host the reader asked for, so the canonical link, og:url and the
JSON-LD always agree with the address in the browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Site

LOGO = "img/logo.png"
LOGO_SIZE = (512, 512)
DEFAULT_IMAGE = "img/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
# Query parameters that change what a list or the search page shows; others (utm_*,
# fbclid…) are left out of the canonical URL.
CANONICAL_PARAMS = ("q", "rubriek", "club", "persoon", "van", "tot", "sorteer", "pagina")
# Characters that must not appear raw inside <script>: the same escapes as json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class Feed:
    title: str
    url: str
    type: str = "application/rss+xml"


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    og_type: str = "website"
    image: str = ""
    image_width: int = 0
    image_height: int = 0
    image_alt: str = ""
    published: str = ""
    modified: str = ""
    section: str = ""
    authors: list[str] = field(default_factory=list)
    feeds: list[Feed] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)

    @property
    def json_ld_html(self) -> SafeString:
        """The JSON-LD blocks, escaped for a <script type="application/ld+json">."""
        return mark_safe(  # noqa: S308 - the only markup-significant characters are escaped
            "".join(
                '<script type="application/ld+json">'
                + json.dumps(block, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
                    _JSON_ESCAPES
                )
                + "</script>"
                for block in self.json_ld
            )
        )


def site_root(request: HttpRequest) -> str:
    """`https://host` of the Wagtail Site that serves this request (set in the admin).

    Canonical URLs come from the Site record, not from the Host header, so that every
    address the site answers on (www or not, a proxy's) points search engines to one URL.
    """
    root = getattr(request, "_kopbal_site_root", None)
    if root is None:
        site = Site.find_for_request(request)
        root = site.root_url if site is not None else request.build_absolute_uri("/")[:-1]
        request._kopbal_site_root = root
    return root


def absolute(request: HttpRequest, path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return site_root(request) + path


def canonical_url(request: HttpRequest, path: str | None = None) -> str:
    """The page's own URL: its path plus only the parameters that select what is shown."""
    params = [
        (key, value)
        for key in CANONICAL_PARAMS
        for value in request.GET.getlist(key)[:1]
        if value and not (key == "pagina" and value == "1")
    ]
    url = absolute(request, path or request.path)
    return f"{url}?{urlencode(params)}" if params else url


def organization(request: HttpRequest) -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "@id": absolute(request, "/#organisatie"),
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute(request, "/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(request, static(LOGO)),
            "width": LOGO_SIZE[0],
            "height": LOGO_SIZE[1],
        },
    }


def site_feeds(request: HttpRequest) -> list[Feed]:
    name = settings.WAGTAIL_SITE_NAME
    return [
        Feed(f"{name} (RSS)", absolute(request, reverse("news:feed-rss"))),
        Feed(
            f"{name} (Atom)", absolute(request, reverse("news:feed-atom")), "application/atom+xml"
        ),
    ]


def _iso(value) -> str:
    return value.isoformat() if value else ""


@dataclass
class _Section:
    title: str
    slug: str


def _section_from_navigation(context, page) -> _Section | None:
    """The article's section from the (cached) header navigation: no query on a warm cache."""
    navigation = context.get("navigation")
    if callable(navigation):
        navigation = navigation()
    parent_url = page.url.rstrip("/").rsplit("/", 1)[0] + "/" if page.url else None
    for item in navigation or []:
        if item.get("url") == parent_url:
            return _Section(item["title"], parent_url.strip("/").rsplit("/", 1)[-1])
    return None


def _article_meta(request: HttpRequest, page, context: dict, meta: PageMeta) -> None:
    from kopbal.news.models import SectionPage

    meta.og_type = "article"
    meta.published = _iso(page.first_published_at)
    meta.modified = _iso(page.last_published_at or page.first_published_at)
    section = context.get("section") or _section_from_navigation(context, page)
    if section is None:
        section = (
            SectionPage.objects.filter(path=page.path[: -page.steplen], depth=page.depth - 1)
            .only("title", "slug")
            .first()
        )
    authors = context.get("authors")
    if authors is None:
        authors = page.get_authors()
    meta.authors = [a.name for a in authors]
    if page.hero_image_id:
        rendition = page.hero_image.get_rendition("width-1000")
        meta.image = absolute(request, rendition.url)
        meta.image_width, meta.image_height = rendition.width, rendition.height
        meta.image_alt = page.hero_caption or page.hero_image.default_alt_text
    if section is not None:
        meta.section = section.title
        meta.feeds.append(
            Feed(
                f"{section.title} | {settings.WAGTAIL_SITE_NAME}",
                absolute(request, reverse("news:section-feed-rss", args=[section.slug])),
            )
        )
    author_data = [
        {"@type": "Person", "name": a.name, "url": absolute(request, a.get_absolute_url())}
        for a in authors
    ] or [
        {
            "@type": "Organization",
            "name": _("Redactie %(site)s") % {"site": settings.WAGTAIL_SITE_NAME},
            "url": absolute(request, "/"),
        }
    ]
    images = [meta.image] if meta.image else [absolute(request, static(DEFAULT_IMAGE))]
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": meta.description,
        "datePublished": meta.published,
        "dateModified": meta.modified,
        "author": author_data,
        "image": images,
        "publisher": organization(request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": meta.canonical},
        "url": meta.canonical,
        "inLanguage": "nl-BE",
        "isAccessibleForFree": True,
    }
    if meta.section:
        article["articleSection"] = meta.section
    meta.json_ld.append(article)


def _home_meta(request: HttpRequest, meta: PageMeta) -> None:
    search_url = absolute(request, reverse("search:search"))
    meta.json_ld.append(
        {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "WebSite",
                    "@id": absolute(request, "/#website"),
                    "name": settings.WAGTAIL_SITE_NAME,
                    "url": absolute(request, "/"),
                    "inLanguage": "nl-BE",
                    "publisher": {"@id": absolute(request, "/#organisatie")},
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": {
                            "@type": "EntryPoint",
                            "urlTemplate": f"{search_url}?q={{search_term_string}}",
                        },
                        "query-input": "required name=search_term_string",
                    },
                },
                organization(request),
            ],
        }
    )


def page_meta(context) -> PageMeta | None:
    """The metadata of the page being rendered, from its template context."""
    from kopbal.news.models import ArticlePage, HomePage, SectionPage

    request = context.get("request")
    if request is None:
        return None
    page = context.get("page")
    default_description = _(
        "Voetbalnieuws uit België en het buitenland: transfers, analyses en jullie reacties."
    )
    title = context.get("seo_title") or ""
    description = context.get("seo_description") or ""
    path = None
    if page is not None and hasattr(page, "get_url"):
        specific = page.specific_deferred if type(page).__name__ == "Page" else page
        title = title or specific.seo_title or specific.title
        description = description or specific.search_description
        if isinstance(specific, ArticlePage):
            description = description or specific.teaser_text
        if isinstance(specific, SectionPage):
            description = description or specific.intro
        path = specific.get_url(request)
    else:
        for name in ("author", "club", "person"):
            obj = context.get(name)
            if obj is not None and hasattr(obj, "name"):
                title = title or obj.name
                break
    meta = PageMeta(
        title=title or settings.WAGTAIL_SITE_NAME,
        description=description or default_description,
        canonical=canonical_url(request, path),
        image=absolute(request, static(DEFAULT_IMAGE)),
        image_width=DEFAULT_IMAGE_SIZE[0],
        image_height=DEFAULT_IMAGE_SIZE[1],
        image_alt=_("Het logo van %(site)s") % {"site": settings.WAGTAIL_SITE_NAME},
        feeds=site_feeds(request),
    )
    if isinstance(page, ArticlePage):
        meta.image = ""
        _article_meta(request, page, context, meta)
        if not meta.image:
            meta.image = absolute(request, static(DEFAULT_IMAGE))
            meta.image_width, meta.image_height = DEFAULT_IMAGE_SIZE
            meta.image_alt = _("Het logo van %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}
    elif isinstance(page, HomePage):
        _home_meta(request, meta)
    elif isinstance(page, SectionPage):
        meta.feeds.append(
            Feed(
                f"{page.title} | {settings.WAGTAIL_SITE_NAME}",
                absolute(request, reverse("news:section-feed-rss", args=[page.slug])),
            )
        )
    author = context.get("author")
    if author is not None and page is None and hasattr(author, "slug"):
        meta.feeds.append(
            Feed(
                f"{author.name} | {settings.WAGTAIL_SITE_NAME}",
                absolute(request, reverse("news:author-feed-rss", args=[author.slug])),
            )
        )
    return meta

"""Deadline day in the demo of `make run`: media rated by the newsroom, a live blog in the
Transfers section, and transfers of people from the shipped football knowledge, linked to
the seed's `Meest recent` items about them. Idempotent: run twice, added once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kopbal.football.models import Club, Person
from kopbal.liveblogs.actions import EntryData, do_post_entry
from kopbal.liveblogs.models import LiveBlogPage
from kopbal.news.models import ArticlePage, SectionPage

from .actions import Step, do_change_status, do_create_transfer, do_link_source
from .choices import Kind, Reliability, Season, Status
from .models import Medium, Transfer
from .windows import window_for

BLOG_SLUG = "deadline-day-live"
MEDIA = [
    ("Het Laatste Nieuws", "https://www.hln.be/", Reliability.GOOD),
    ("Het Nieuwsblad", "https://www.nieuwsblad.be/", Reliability.GOOD),
    ("Sporza", "https://sporza.be/", Reliability.HIGH),
    ("La Dernière Heure", "https://www.dhnet.be/", Reliability.GOOD),
    ("Walfoot", "https://www.walfoot.be/", Reliability.MIXED),
    ("Fabrizio Romano", "https://x.com/FabrizioRomano", Reliability.HIGH),
    ("Sociale media", "", Reliability.LOW),
]


def _article(title_start: str) -> ArticlePage | None:
    return ArticlePage.objects.filter(title__startswith=title_start).first()


@transaction.atomic
def load_deadline_day(out: Callable[[str], None] = print) -> bool:
    """Returns False when the demo live blog was already there (or the site has no Transfers
    section or football knowledge to build it from)."""
    if LiveBlogPage.objects.filter(slug=BLOG_SLUG).exists():
        return False
    section = SectionPage.objects.filter(slug="transfers").first()
    people = Person.objects.in_bulk(
        ["dennis-praet", "luis-vazquez", "vincent-mannaert"], field_name="slug"
    )
    clubs = Club.objects.in_bulk(
        ["royal-antwerp-fc", "rsc-anderlecht", "getafe", "club-brugge"], field_name="slug"
    )
    if section is None or len(people) < 3 or len(clubs) < 4:
        out("Geen transferdemo: de rubriek Transfers of de voetbalkennis ontbreekt.")
        return False
    media = {
        name: Medium.objects.get_or_create(name=name, defaults={"url": url, "reliability": r})[0]
        for name, url, r in MEDIA
    }
    now = timezone.now()
    current = window_for()

    blog = LiveBlogPage(
        title="Deadline day: de laatste transferuren live",
        slug=BLOG_SLUG,
        lead="De transfermarkt sluit om middernacht. Wie komt, wie gaat, en hoe zeker is het? "
        "Wij volgen het hier minuut per minuut.",
        first_published_at=now - timedelta(hours=3),
    )
    section.add_child(instance=blog)
    blog.save_revision().publish()

    def post(minutes_ago: int, headline: str, body: str, **flags):
        return do_post_entry(
            blog,
            EntryData(
                headline=headline,
                body=f"<p>{body}</p>",
                posted_at=now - timedelta(minutes=minutes_ago),
                **flags,
            ),
            author=None,
        )

    welcome = post(
        170,
        "Welkom bij deadline day",
        "Tot middernacht houden we de Belgische clubs en hun buitenlandse doelwitten in de "
        "gaten. Bij elke transfer staat hoe zeker hij is: van gerucht tot officieel.",
        is_pinned=True,
    )
    praet_rumour = post(
        140,
        "Antwerp denkt na over Praet",
        "Volgens Het Laatste Nieuws wil Antwerp Dennis Praet nog deze winter laten gaan.",
    )
    mannaert = post(
        95,
        "Mannaert naar Anderlecht?",
        "La Dernière Heure meldt gesprekken tussen Vincent Mannaert en Anderlecht. "
        "Bij Anderlecht wil niemand reageren.",
    )
    mannaert_talks = post(
        40,
        "Mannaert en Anderlecht onderhandelen",
        "Ook Sporza bevestigt: Vincent Mannaert en RSC Anderlecht praten over een functie als CEO.",
        is_key_event=True,
    )
    post(
        15,
        "Nog geen nieuws over Praet",
        "Rond Dennis Praet blijft het stil. Antwerp houdt de boot af.",
    )
    del welcome

    # Vazquez: the January loan the seed speaks of, official, in its own window.
    vazquez = do_create_transfer(
        Transfer(
            player=people["luis-vazquez"],
            from_club=clubs["rsc-anderlecht"],
            to_club=clubs["getafe"],
            kind=Kind.LOAN_WITH_OPTION,
            window_year=2026,
            window_season=Season.WINTER,
        ),
        Step(
            status=Status.RUMOUR,
            medium=media["Walfoot"],
            at=now - timedelta(days=320),
            note="Getafe toont interesse.",
        ),
        user=None,
    )
    do_change_status(
        vazquez,
        Step(
            status=Status.OFFICIAL,
            at=now - timedelta(days=300),
            note="Anderlecht bevestigt de uitleenbeurt.",
        ),
        user=None,
    )

    praet = do_create_transfer(
        Transfer(
            player=people["dennis-praet"],
            from_club=clubs["royal-antwerp-fc"],
            window_year=current.year,
            window_season=current.season,
        ),
        Step(
            status=Status.RUMOUR,
            medium=media["Het Laatste Nieuws"],
            entry=praet_rumour,
            at=praet_rumour.posted_at,
            article=_article("'Antwerp hakt knoop door"),
        ),
        user=None,
    )
    mannaert_move = do_create_transfer(
        Transfer(
            player=people["vincent-mannaert"],
            to_club=clubs["rsc-anderlecht"],
            kind=Kind.FREE,
            window_year=current.year,
            window_season=current.season,
        ),
        Step(
            status=Status.RUMOUR,
            medium=media["La Dernière Heure"],
            entry=mannaert,
            at=mannaert.posted_at,
            article=_article("‘Transferbom naast het veld"),
        ),
        user=None,
    )
    do_change_status(
        mannaert_move,
        Step(
            status=Status.TALKS,
            medium=media["Sporza"],
            entry=mannaert_talks,
            at=mannaert_talks.posted_at,
        ),
        user=None,
    )
    roundup = _article("TRANSFERUURTJE")
    if roundup is not None:
        do_link_source(vazquez, article=roundup)
        do_link_source(praet, article=roundup)
    out("Deadline day: een liveblog met 5 updates en 3 transfers aangemaakt.")
    return True

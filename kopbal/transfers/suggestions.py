"""What an editor starts from on `Transfers in deze tekst`: the transfers an article or
live-blog update is already linked to, and the people and clubs the football tagger finds
in its text, each person with their running transfers and a prefilled `nieuwe transfer`."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q

from kopbal.football.models import Club, Person

from .models import Transfer


@dataclass
class PlayerSuggestion:
    person: Person
    words: list[str]
    from_club: Club | None
    to_club: Club | None
    transfers: list[Transfer] = field(default_factory=list)

    def create_params(self) -> dict:
        params = {"player": self.person.pk}
        if self.from_club is not None:
            params["from_club"] = self.from_club.pk
        if self.to_club is not None:
            params["to_club"] = self.to_club.pk
        return params

    @property
    def create_query(self) -> str:
        return urlencode(self.create_params())


@dataclass
class SourceSuggestions:
    text: str
    linked: list[Transfer]
    players: list[PlayerSuggestion]
    clubs: list[Club]


def source_text(article=None, entry=None) -> str:
    """Headline and text of the article or update, as the tagger reads it."""
    if article is not None:
        from kopbal.football.tagging import article_text

        return article_text(article.specific)
    return "\n".join(p for p in (entry.headline, entry.text) if p)


def linked_transfers(article=None, entry=None) -> list[Transfer]:
    transfers = Transfer.objects.for_listing()
    if article is not None:
        transfers = transfers.filter(Q(article_links__article=article) | Q(events__article=article))
    else:
        transfers = transfers.filter(Q(live_entries=entry) | Q(events__entry=entry))
    return list(transfers.distinct())


def source_suggestions(article=None, entry=None) -> SourceSuggestions:
    from kopbal.football.tagging import suggest

    text = source_text(article, entry)
    result = suggest(text)
    club_ids = [s.entity.pk for s in result.clubs if s.entity.pk]
    person_words = {s.entity.pk: s.words for s in result.people if s.entity.pk}
    clubs_by_id = Club.objects.in_bulk(club_ids)
    clubs = [clubs_by_id[pk] for pk in club_ids if pk in clubs_by_id]
    people = Person.objects.select_related("current_club").in_bulk(list(person_words))
    running: dict[int, list[Transfer]] = {}
    for transfer in Transfer.objects.filter(player__in=list(people)).for_listing():
        running.setdefault(transfer.player_id, []).append(transfer)
    players = []
    for pk, words in person_words.items():
        person = people.get(pk)
        if person is None:
            continue
        from_club = person.current_club
        # The destination: the first club in the text that is not where the player is now.
        to_club = next((c for c in clubs if c.pk != getattr(from_club, "pk", None)), None)
        players.append(
            PlayerSuggestion(
                person=person,
                words=words,
                from_club=from_club,
                to_club=to_club,
                transfers=running.get(pk, []),
            )
        )
    return SourceSuggestions(
        text=text, linked=linked_transfers(article, entry), players=players, clubs=clubs
    )

"""The football world kopbal ships with: facts we are sure of, nothing guessed.

Loaded by the data migration (0002) and by `load_knowledge()` in tests and the demo. An
editor completes the rest in the admin (Clubs, Personen, Competities). Fields we were not
sure of are left empty on purpose: a wrong stadium or a wrong year is worse than none.

Checked (February 2026) against the seed page and Belgian sports press: Defour's career
(player until May 2021, assistant then head coach of KV Mechelen from October 2022 after
Danny Buijs, dismissed November 2023, analyst since), Vrancken (player at STVV 1997-2004,
AA Gent 2004-2006, KRC Genk 2006-2008, KV Mechelen 2008-2010, KV Kortrijk 2010; coach
of KV Mechelen 2018-2022, KRC Genk 2022-2024, AA Gent 2024-January 2025, STVV since April
2025), Buijs (FC Groningen 2018-2022, KV Mechelen June-October 2022), Hasi (Anderlecht coach
2014-2016, KV Mechelen November 2023-March 2025, Anderlecht again 2025-February 2026),
Edward Still (assistant at Anderlecht under Hasi, interim head coach for two matches in
February 2026, head coach of Watford since 9 February 2026; earlier head coach of Charleroi
and assistant at RC Lens; brother of Will Still), Olivier Renard (Anderlecht's sporting
director until February 2026), Rik De
Mil (assistant and interim at Club Brugge, coach of Charleroi, AA Gent since December 2025),
Mannaert (CEO Club Brugge 2011-2024, before that at Zulte Waregem), Vázquez (Anderlecht
2023, on loan to Getafe since January 2026), Praet (Antwerp since September 2024). RAAL La
Louvière plays in its new Easi Arena since the summer of 2025 (migration 0004).

Aliases: `short_name`, `abbreviations` and `nicknames` are what the tagger finds; a name
listed for two clubs (`Bruggelingen`, `Brugse`, `Limburgers`) is ambiguous and only tagged
when the rest of the text says which club is meant.
"""

from __future__ import annotations

BE, NL, ENG, SCO, ES, IT, DE, FR, PT = "BE", "NL", "GB-ENG", "GB-SCT", "ES", "IT", "DE", "FR", "PT"

COMPETITIONS: list[dict] = [
    {
        "slug": "jupiler-pro-league",
        "name": "Jupiler Pro League",
        "short_name": "JPL",
        "kind": "league",
        "country": BE,
        "level": 1,
        "aliases": "Pro League",
    },
    {
        "slug": "challenger-pro-league",
        "name": "Challenger Pro League",
        "short_name": "CPL",
        "kind": "league",
        "country": BE,
        "level": 2,
        "aliases": "",
    },
    {
        "slug": "beker-van-belgie",
        "name": "Beker van België",
        "short_name": "Croky Cup",
        "kind": "cup",
        "country": BE,
        "level": None,
        "aliases": "Croky Cup",
    },
    {
        "slug": "champions-league",
        "name": "UEFA Champions League",
        "short_name": "Champions League",
        "kind": "european",
        "country": "",
        "level": None,
        "aliases": "",
    },
    {
        "slug": "europa-league",
        "name": "UEFA Europa League",
        "short_name": "Europa League",
        "kind": "european",
        "country": "",
        "level": None,
        "aliases": "",
    },
    {
        "slug": "conference-league",
        "name": "UEFA Conference League",
        "short_name": "Conference League",
        "kind": "european",
        "country": "",
        "level": None,
        "aliases": "",
    },
    {
        "slug": "premier-league",
        "name": "Premier League",
        "short_name": "",
        "kind": "league",
        "country": ENG,
        "level": 1,
        "aliases": "",
    },
    {
        "slug": "serie-a",
        "name": "Serie A",
        "short_name": "",
        "kind": "league",
        "country": IT,
        "level": 1,
        "aliases": "",
    },
    {
        "slug": "laliga",
        "name": "LaLiga",
        "short_name": "",
        "kind": "league",
        "country": ES,
        "level": 1,
        "aliases": "La Liga",
    },
    {
        "slug": "bundesliga",
        "name": "Bundesliga",
        "short_name": "",
        "kind": "league",
        "country": DE,
        "level": 1,
        "aliases": "",
    },
    {
        "slug": "eredivisie",
        "name": "Eredivisie",
        "short_name": "",
        "kind": "league",
        "country": NL,
        "level": 1,
        "aliases": "",
    },
    {
        "slug": "scottish-premiership",
        "name": "Scottish Premiership",
        "short_name": "",
        "kind": "league",
        "country": SCO,
        "level": 1,
        "aliases": "",
    },
]


def club(
    slug: str,
    name: str,
    *,
    short: str = "",
    official: str = "",
    abbr: str = "",
    nick: str = "",
    other: str = "",
    city: str = "",
    stadium: str = "",
    colours: str = "",
    country: str = BE,
    league: str | None = None,
) -> dict:
    """One club; multi-valued fields are `|`-separated here, one per line in the admin."""
    return {
        "slug": slug,
        "name": name,
        "short_name": short,
        "official_name": official,
        "abbreviations": "\n".join(filter(None, abbr.split("|"))),
        "nicknames": "\n".join(filter(None, nick.split("|"))),
        "other_names": "\n".join(filter(None, other.split("|"))),
        "city": city,
        "stadium": stadium,
        "colours": colours,
        "country": country,
        "league": league,
    }


JPL = "jupiler-pro-league"

CLUBS: list[dict] = [
    # The 16 clubs of the 2025-26 Jupiler Pro League.
    club(
        "club-brugge",
        "Club Brugge",
        short="Club",
        official="Club Brugge Koninklijke Voetbalvereniging",
        nick="Blauw-Zwart|blauw-zwart|Bruggelingen",
        other="Club Brugge KV|Club NXT|Brugse|Brugs|Brugge",
        city="Brugge",
        stadium="Jan Breydelstadion",
        colours="blauw-zwart",
        league=JPL,
    ),
    club(
        "union-sg",
        "Union SG",
        short="Union",
        official="Royale Union Saint-Gilloise",
        abbr="USG",
        other="Union Saint-Gilloise|Union Sint-Gillis|Brusselaars|Brusselse",
        city="Sint-Gillis",
        stadium="Joseph Marienstadion",
        colours="geel-blauw",
        league=JPL,
    ),
    club(
        "rsc-anderlecht",
        "RSC Anderlecht",
        short="Anderlecht",
        official="Royal Sporting Club Anderlecht",
        abbr="RSCA",
        nick="Paars-Wit|paars-wit|Mauves",
        other="Sporting Anderlecht|RSCA Futures|Anderlechtse|Brusselaars|Brusselse",
        city="Anderlecht",
        stadium="Lotto Park",
        colours="paars-wit",
        league=JPL,
    ),
    club(
        "krc-genk",
        "KRC Genk",
        short="Genk",
        official="Koninklijke Racing Club Genk",
        abbr="KRC",
        nick="Smurfen|Limburgers",
        other="Racing Genk|Genkse|Jong Genk",
        city="Genk",
        stadium="Cegeka Arena",
        colours="blauw-wit",
        league=JPL,
    ),
    club(
        "aa-gent",
        "AA Gent",
        short="Gent",
        official="Koninklijke Atletiek Associatie Gent",
        abbr="KAA",
        nick="Buffalo's|Buffalos",
        other="KAA Gent|La Gantoise|Gantoise|Gentse",
        city="Gent",
        stadium="Planet Group Arena",
        colours="blauw-wit",
        league=JPL,
    ),
    club(
        "royal-antwerp-fc",
        "Royal Antwerp FC",
        short="Antwerp",
        official="Royal Antwerp Football Club",
        abbr="RAFC",
        nick="The Great Old|Great Old",
        other="Antwerp FC|Royal Antwerp",
        city="Antwerpen",
        stadium="Bosuil",
        colours="rood-wit",
        league=JPL,
    ),
    club(
        "standard-luik",
        "Standard Luik",
        short="Standard",
        official="Royal Standard de Liège",
        nick="Rouches|Roodhemden",
        other="Standard de Liège|Standard Liège",
        city="Luik",
        stadium="Stade Maurice Dufrasne (Sclessin)",
        colours="rood-wit",
        league=JPL,
    ),
    club(
        "kv-mechelen",
        "KV Mechelen",
        short="Mechelen",
        abbr="KVM",
        nick="Maneblussers|Malinwa|Kakkers",
        other="Mechelse|Mechels",
        city="Mechelen",
        stadium="AFAS-stadion Achter de Kazerne",
        colours="geel-rood",
        league=JPL,
    ),
    club(
        "sporting-charleroi",
        "Sporting Charleroi",
        short="Charleroi",
        official="Royal Charleroi Sporting Club",
        abbr="RCSC",
        nick="Zebra's",
        city="Charleroi",
        stadium="Stade du Pays de Charleroi",
        colours="zwart-wit",
        league=JPL,
    ),
    club(
        "oh-leuven",
        "OH Leuven",
        short="OHL",
        official="Oud-Heverlee Leuven",
        abbr="OHL",
        other="Leuven|Leuvense",
        city="Leuven",
        stadium="Den Dreef",
        league=JPL,
    ),
    club(
        "kvc-westerlo",
        "KVC Westerlo",
        short="Westerlo",
        official="Koninklijke Voetbalclub Westerlo",
        nick="Kemphanen",
        other="Westerlose",
        city="Westerlo",
        stadium="Het Kuipje",
        colours="geel-blauw",
        league=JPL,
    ),
    club(
        "cercle-brugge",
        "Cercle Brugge",
        short="Cercle",
        official="Cercle Brugge Koninklijke Sportvereniging",
        nick="Groen-Zwart|Bruggelingen",
        other="Cercle Brugge KSV|Brugse|Brugs|Brugge",
        city="Brugge",
        stadium="Jan Breydelstadion",
        colours="groen-zwart",
        league=JPL,
    ),
    club(
        "sint-truidense-vv",
        "Sint-Truidense VV",
        short="STVV",
        official="Koninklijke Sint-Truidense Voetbalvereniging",
        abbr="STVV",
        nick="Kanaries|Truienaars|Limburgers",
        other="Sint-Truiden",
        city="Sint-Truiden",
        stadium="Stayen",
        colours="geel-blauw",
        league=JPL,
    ),
    club(
        "fcv-dender-eh",
        "FCV Dender EH",
        short="Dender",
        other="FCV Dender",
        city="Denderleeuw",
        stadium="Van Roystadion",
        league=JPL,
    ),
    club(
        "zulte-waregem",
        "Zulte Waregem",
        short="Zulte Waregem",
        official="Sportvereniging Zulte Waregem",
        nick="Essevee",
        other="SV Zulte Waregem",
        city="Waregem",
        stadium="Elindus Arena",
        league=JPL,
    ),
    club(
        "raal-la-louviere",
        "RAAL La Louvière",
        short="La Louvière",
        abbr="RAAL",
        city="La Louvière",
        stadium="Easi Arena",
        league=JPL,
    ),
    # Belgian clubs in the coaches' careers.
    club("kv-kortrijk", "KV Kortrijk", short="Kortrijk", abbr="KVK", city="Kortrijk"),
    club("lommel-sk", "Lommel SK", short="Lommel", city="Lommel"),
    # Foreign clubs named in the seed or in the careers below.
    club(
        "ajax",
        "Ajax",
        official="Amsterdamsche Football Club Ajax",
        other="Ajax Amsterdam",
        city="Amsterdam",
        country=NL,
        league="eredivisie",
    ),
    club("fc-groningen", "FC Groningen", short="Groningen", city="Groningen", country=NL),
    club(
        "ssc-napoli",
        "SSC Napoli",
        short="Napoli",
        nick="Napolitanen",
        city="Napels",
        country=IT,
        league="serie-a",
    ),
    club("genoa", "Genoa", other="Genoa CFC", city="Genua", country=IT),
    club("juventus", "Juventus", other="Juve", city="Turijn", country=IT, league="serie-a"),
    club(
        "inter",
        "Inter",
        official="FC Internazionale Milano",
        other="Inter Milaan|Internazionale",
        city="Milaan",
        country=IT,
        league="serie-a",
    ),
    club(
        "atletico-madrid",
        "Atlético Madrid",
        short="Atlético",
        other="Atlético de Madrid|Atleti",
        city="Madrid",
        country=ES,
        league="laliga",
    ),
    club(
        "fc-barcelona",
        "FC Barcelona",
        short="Barcelona",
        nick="Blaugrana",
        other="Barça",
        city="Barcelona",
        country=ES,
        league="laliga",
    ),
    club("getafe", "Getafe", other="Getafe CF", city="Getafe", country=ES, league="laliga"),
    club(
        "rangers-fc",
        "Rangers FC",
        short="Rangers",
        other="Glasgow Rangers",
        city="Glasgow",
        country=SCO,
        league="scottish-premiership",
    ),
    club(
        "celtic",
        "Celtic",
        other="Celtic Glasgow|Celtic FC",
        city="Glasgow",
        country=SCO,
        league="scottish-premiership",
    ),
    club(
        "hearts",
        "Heart of Midlothian",
        short="Hearts",
        city="Edinburgh",
        country=SCO,
        league="scottish-premiership",
    ),
    club("fc-porto", "FC Porto", short="Porto", city="Porto", country=PT),
    club("burnley", "Burnley", other="Burnley FC", city="Burnley", country=ENG),
    club("watford", "Watford", other="Watford FC", city="Watford", country=ENG),
    club(
        "manchester-city",
        "Manchester City",
        other="Man City",
        city="Manchester",
        country=ENG,
        league="premier-league",
    ),
    club(
        "chelsea",
        "Chelsea",
        other="Chelsea FC",
        city="Londen",
        country=ENG,
        league="premier-league",
    ),
    club(
        "tottenham-hotspur",
        "Tottenham Hotspur",
        short="Tottenham",
        nick="Spurs",
        city="Londen",
        country=ENG,
        league="premier-league",
    ),
    club(
        "bayern-munchen",
        "Bayern München",
        short="Bayern",
        other="FC Bayern|FC Bayern München|Bayern Munich",
        city="München",
        country=DE,
        league="bundesliga",
    ),
    club(
        "bayer-leverkusen",
        "Bayer Leverkusen",
        short="Leverkusen",
        city="Leverkusen",
        country=DE,
        league="bundesliga",
    ),
    club("hamburger-sv", "Hamburger SV", abbr="HSV", city="Hamburg", country=DE),
    club(
        "rc-lens", "RC Lens", short="Lens", official="Racing Club de Lens", city="Lens", country=FR
    ),
]


def spell(
    club_slug: str, role: str, start: int | None = None, end: int | None = None, note: str = ""
) -> dict:
    return {"club": club_slug, "role": role, "from_year": start, "to_year": end, "note": note}


P, C, A, D = "player", "coach", "assistant", "director"

PEOPLE: list[dict] = [
    {
        "slug": "steven-defour",
        "name": "Steven Defour",
        "role": C,
        "current_club": None,
        "known_as": "",
        "career": [
            spell("krc-genk", P, None, 2006),
            spell("standard-luik", P, 2006, 2011),
            spell("fc-porto", P, 2011, 2014),
            spell("rsc-anderlecht", P, 2014, 2016),
            spell("burnley", P, 2016),
            spell("royal-antwerp-fc", P),
            spell("kv-mechelen", P, None, 2021),
            spell("kv-mechelen", A, 2021, 2022),
            spell("kv-mechelen", C, 2022, 2023),
        ],
    },
    {
        "slug": "wouter-vrancken",
        "name": "Wouter Vrancken",
        "role": C,
        "current_club": "sint-truidense-vv",
        "known_as": "",
        "career": [
            spell("sint-truidense-vv", P, 1997, 2004),
            spell("aa-gent", P),
            spell("krc-genk", P),
            spell("kv-mechelen", P),
            spell("kv-kortrijk", P),
            spell("lommel-sk", C),
            spell("kv-kortrijk", A),
            spell("kv-mechelen", C, 2018, 2022),
            spell("krc-genk", C, 2022, 2024),
            spell("aa-gent", C, 2024, 2025),
            spell("sint-truidense-vv", C, 2025),
        ],
    },
    {
        "slug": "danny-buijs",
        "name": "Danny Buijs",
        "role": C,
        "current_club": None,
        "known_as": "",
        "career": [spell("fc-groningen", C, 2018, 2022), spell("kv-mechelen", C, 2022, 2022)],
    },
    {
        "slug": "besnik-hasi",
        "name": "Besnik Hasi",
        "role": C,
        "current_club": None,
        "known_as": "",
        "career": [
            spell("rsc-anderlecht", P),
            spell("rsc-anderlecht", C, 2014, 2016),
            spell("kv-mechelen", C, 2023, 2025),
            spell("rsc-anderlecht", C, 2025, 2026),
        ],
    },
    {
        "slug": "edward-still",
        "name": "Edward Still",
        "role": C,
        "current_club": "watford",
        "known_as": "",
        "career": [
            spell("sporting-charleroi", C),
            spell("rc-lens", A, 2024, 2025),
            spell("rsc-anderlecht", A, 2025, 2026),
            spell("rsc-anderlecht", C, 2026, 2026, "interim"),
            spell("watford", C, 2026),
        ],
    },
    {
        "slug": "rik-de-mil",
        "name": "Rik De Mil",
        "role": C,
        "current_club": "aa-gent",
        "known_as": "",
        "career": [
            spell("club-brugge", A),
            spell("sporting-charleroi", C, None, 2025),
            spell("aa-gent", C, 2025),
        ],
    },
    {
        "slug": "vincent-kompany",
        "name": "Vincent Kompany",
        "role": C,
        "current_club": "bayern-munchen",
        "known_as": "",
        "career": [
            spell("rsc-anderlecht", P, None, 2006),
            spell("hamburger-sv", P, 2006, 2008),
            spell("manchester-city", P, 2008, 2019),
            spell("rsc-anderlecht", P, 2019, 2020),
            spell("rsc-anderlecht", C, 2020, 2022),
            spell("burnley", C, 2022, 2024),
            spell("bayern-munchen", C, 2024),
        ],
    },
    {
        "slug": "antonio-conte",
        "name": "Antonio Conte",
        "role": C,
        "current_club": "ssc-napoli",
        "known_as": "",
        "career": [
            spell("juventus", P),
            spell("juventus", C, 2011, 2014),
            spell("chelsea", C, 2016, 2018),
            spell("inter", C, 2019, 2021),
            spell("tottenham-hotspur", C, 2021, 2023),
            spell("ssc-napoli", C, 2024),
        ],
    },
    {
        "slug": "olivier-renard",
        "name": "Olivier Renard",
        "role": D,
        "current_club": None,
        "known_as": "",
        "career": [spell("rsc-anderlecht", D, None, 2026, "sportief directeur")],
    },
    {
        "slug": "vincent-mannaert",
        "name": "Vincent Mannaert",
        "role": D,
        "current_club": None,
        "known_as": "",
        "career": [spell("zulte-waregem", D), spell("club-brugge", D, 2011, 2024, "CEO")],
    },
    {
        "slug": "luis-vazquez",
        "name": "Luis Vázquez",
        "role": P,
        "current_club": "getafe",
        "known_as": "",
        "career": [spell("rsc-anderlecht", P, 2023), spell("getafe", P, 2026, None, "gehuurd")],
    },
    {
        "slug": "romelu-lukaku",
        "name": "Romelu Lukaku",
        "role": P,
        "current_club": "ssc-napoli",
        "known_as": "",
        "career": [spell("rsc-anderlecht", P, None, 2011), spell("ssc-napoli", P, 2024)],
    },
    {
        "slug": "jonathan-tah",
        "name": "Jonathan Tah",
        "role": P,
        "current_club": "bayern-munchen",
        "known_as": "",
        "career": [
            spell("hamburger-sv", P, None, 2015),
            spell("bayer-leverkusen", P, 2015, 2025),
            spell("bayern-munchen", P, 2025),
        ],
    },
    {
        "slug": "dennis-praet",
        "name": "Dennis Praet",
        "role": P,
        "current_club": "royal-antwerp-fc",
        "known_as": "",
        "career": [spell("rsc-anderlecht", P, None, 2016), spell("royal-antwerp-fc", P, 2024)],
    },
    {
        "slug": "brandon-mechele",
        "name": "Brandon Mechele",
        "role": P,
        "current_club": "club-brugge",
        "known_as": "",
        "career": [spell("club-brugge", P)],
    },
    {
        "slug": "frank-boeckx",
        "name": "Frank Boeckx",
        "role": "analyst",
        "current_club": None,
        "known_as": "",
        "career": [spell("rsc-anderlecht", P)],
    },
    {
        "slug": "gert-verheyen",
        "name": "Gert Verheyen",
        "role": "analyst",
        "current_club": None,
        "known_as": "",
        "career": [spell("club-brugge", P)],
    },
]


def load(Competition, Club, Person, CareerSpell) -> dict[str, int]:
    """Create what is missing, never overwrite what an editor changed. Returns counts.

    Takes the model classes so that the data migration can pass its historical models.
    """
    created = {"competitions": 0, "clubs": 0, "people": 0}
    competitions = {}
    for row in COMPETITIONS:
        obj, new = Competition.objects.get_or_create(
            slug=row["slug"], defaults={k: v for k, v in row.items() if k != "slug"}
        )
        competitions[row["slug"]] = obj
        created["competitions"] += new
    clubs = {}
    for row in CLUBS:
        defaults = {k: v for k, v in row.items() if k not in ("slug", "league")}
        defaults["league"] = competitions.get(row["league"]) if row["league"] else None
        obj, new = Club.objects.get_or_create(slug=row["slug"], defaults=defaults)
        clubs[row["slug"]] = obj
        created["clubs"] += new
    for row in PEOPLE:
        defaults = {
            "name": row["name"],
            "role": row["role"],
            "known_as": row["known_as"],
            "current_club": clubs.get(row["current_club"]) if row["current_club"] else None,
        }
        person, new = Person.objects.get_or_create(slug=row["slug"], defaults=defaults)
        created["people"] += new
        if new:
            CareerSpell.objects.bulk_create(
                CareerSpell(
                    person=person,
                    club=clubs[s["club"]],
                    role=s["role"],
                    from_year=s["from_year"],
                    to_year=s["to_year"],
                    note=s["note"],
                    sort_order=i,
                )
                for i, s in enumerate(row["career"])
            )
    return created


def load_into_db() -> dict[str, int]:
    """`load()` with the current models: for tests and tools after a database flush."""
    from .models import CareerSpell, Club, Competition, Person

    return load(Competition, Club, Person, CareerSpell)

import pytest

from . import factories as f


@pytest.fixture
def world(db):
    """Three clubs, two players, two media (names of our own: the shipped football
    knowledge has the real ones, and the tagger must not see two of each)."""

    class World:
        anderlecht = f.club("anderlecht", "Sporting Noord")
        antwerp = f.club("antwerp", "Havenstad FC")
        genk = f.club("genk", "Mijnstreek VV")
        praet = f.person("praet", "Jonas Vermeulen")
        vazquez = f.person("vazquez", "Luca Verhoeven")
        hln = f.medium("Het Laatste Nieuws")
        gossip = f.medium("Roddelblad", reliability=1)

    return World

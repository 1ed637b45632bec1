"""Invented names for the generated house, spread as surnames are in the Netherlands.

A register of real Dutch surnames is not needed and not wanted: the common names below are
combined at random with first names, and the long tail is composed from roots and endings, so
any likeness to a real person is coincidence. What matters for the benchmarks is the shape:
the commonest surname in the Netherlands ("de Jong") is borne by about half a percent of the
population, the thirty commonest together by about seven percent, and the rest spread thinly.
With thirty names drawn evenly each one was 3.3 % of all people, seven times the commonest
real name, which made every search on a common name and every list of namesakes seven times
larger than a real house would see.
"""

from __future__ import annotations

import random
from itertools import accumulate

FIRST_NAMES = (
    "Ahmed", "Anna", "Bas", "Bram", "Daan", "Demi", "Emma", "Fatima", "Fleur", "Henk", "Ilse",
    "Jan", "Jesse", "Joyce", "Kees", "Lars", "Lisa", "Mila", "Mohamed", "Noah", "Noor", "Priya",
    "Ruben", "Sanne", "Sem", "Sophie", "Thijs", "Tim", "Yara", "Youssef", "Zoë",
)  # fmt: skip
# The common names, commonest first (ranked as in the Dutch surname counts).
COMMON_LAST_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
)  # fmt: skip
_ROOTS = (
    "Akker", "Beek", "Berg", "Bleek", "Boom", "Bosch", "Brink", "Broek", "Bruin", "Dal", "Dam",
    "Donk", "Drift", "Eik", "Elst", "Gaal", "Geer", "Goor", "Haar", "Hage", "Ham", "Heide",
    "Helder", "Hoeve", "Hof", "Holt", "Hoorn", "Horst", "Hout", "Kamp", "Kerk", "Klink", "Kolk",
    "Kraan", "Laar", "Lande", "Lier", "Loo", "Maas", "Mark", "Meer", "Mol", "Mors", "Noord",
    "Oever", "Oost", "Pol", "Poort", "Put", "Raam", "Ree", "Rijn", "Roode", "Rot", "Schaik",
    "Schans", "Sloot", "Speek", "Stee", "Steen", "Stok", "Straat", "Tol", "Veen", "Veld", "Ven",
    "Vliet", "Voort", "Waal", "Wal", "Weerd", "Weide", "Werf", "West", "Wiel", "Wijk", "Zand",
    "Zijl", "Zwart",
)  # fmt: skip
_ENDINGS = ("", "s", "sma", "man", "ink", "ing", "stra", "huis", "ema")
_PREFIXES = ("de ", "van ", "van de ", "van den ", "van der ", "ter ", "ten ", "op den ")
# The tail: root with an ending ("Brinkman", "Veenstra"), or a prefix with the bare root.
_TAIL = tuple(
    sorted(
        (
            {root + end for root in _ROOTS for end in _ENDINGS}
            | {prefix + root for root in _ROOTS for prefix in _PREFIXES}
        )
        - set(COMMON_LAST_NAMES)
    )
)
LAST_NAMES = COMMON_LAST_NAMES + _TAIL
# Shares: the commonest 0.5 %, falling to 0.17 % for the thirtieth (≈ 8 % for the thirty);
# the ~1,400 names of the tail share the rest evenly (≈ 0.065 % each).
_COMMON_WEIGHTS = [0.5 / (1 + rank / 15) for rank in range(len(COMMON_LAST_NAMES))]
_TAIL_WEIGHT = (100 - sum(_COMMON_WEIGHTS)) / len(_TAIL)
_CUMULATIVE = list(accumulate(_COMMON_WEIGHTS + [_TAIL_WEIGHT] * len(_TAIL)))


def last_name(rng: random.Random | None = None) -> str:
    """A surname drawn with the Dutch shape: a few common names, a long thin tail."""
    return (rng or random).choices(LAST_NAMES, cum_weights=_CUMULATIVE)[0]


def share_of(name: str) -> float:
    """The fraction of people drawn with this surname (for tests and the docs)."""
    index = LAST_NAMES.index(name)
    before = _CUMULATIVE[index - 1] if index else 0.0
    return (_CUMULATIVE[index] - before) / _CUMULATIVE[-1]

"""Every signatory of the seed covenant (../shared/seed), with its real name.

Domains and core-partner flags are the demo's reading: the covenant names the core partners
only by reference (Art. 6.3a). A house sets its own in the administration.
"""

from __future__ import annotations

from datetime import date

from schakel.domain.parties import PartyDomain, PartyKind

COVENANT_TITLE = "Convenant samenwerking tussen ketenpartners zorg- en veiligheidshuis IJsselland"
COVENANT_VERSION = "1.0"
# The seed leaves the date of signing open; the demo picks one.
COVENANT_SIGNED_ON = date(2022, 3, 1)

HOUSE = ("Zorg- en Veiligheidshuis IJsselland", "zvh-ijsselland")

# Art. 6.5: the municipalities are represented together in the core group.
MUNICIPALITIES = [
    "Dalfsen",
    "Deventer",
    "Hardenberg",
    "Kampen",
    "Olst-Wijhe",
    "Ommen",
    "Raalte",
    "Staphorst",
    "Steenwijkerland",
    "Zwartewaterland",
    "Zwolle",
]

C, J = PartyDomain.care, PartyDomain.criminal_justice
# (name as in the covenant, slug, domain, core partner)
PARTNERS: list[tuple[str, str, PartyDomain, bool]] = [
    ("Politie Regionale Eenheid Oost-Nederland", "politie-oost-nederland", J, True),
    ("Openbaar Ministerie Arrondissementsparket Oost-Nederland", "om-oost-nederland", J, True),
    ("Dienst Justitiële Inrichtingen", "dji", J, False),
    ("GGD IJsselland (waaronder Team VIA)", "ggd-ijsselland", C, True),
    ("Veilig Thuis", "veilig-thuis", C, True),
    ("HALT", "halt", J, False),
    ("Iriszorg", "iriszorg", C, False),
    ("Trajectum", "trajectum", C, False),
    ("Stichting Dimence", "dimence", C, True),
    ("Stichting Transfore", "transfore", C, False),
    ("Leger des Heils", "leger-des-heils", C, False),
    ("Reclassering Nederland", "reclassering-nederland", J, True),
    ("Tactus", "tactus", C, True),
    ("Humanitas", "humanitas", C, False),
    ("MEE IJsselland", "mee-ijsselland", C, False),
    ("Raad voor de Kinderbescherming", "raad-voor-de-kinderbescherming", J, True),
    ("RIBW IJsselland", "ribw-ijsselland", C, False),
    ("Jeugdbescherming Overijssel", "jeugdbescherming-overijssel", C, True),
    ("Slachtofferhulp Nederland", "slachtofferhulp-nederland", C, False),
    ("Pactum", "pactum", C, False),
    ("Raster", "raster", C, False),
    ("Limor", "limor", C, False),
    ("Trias", "trias", C, False),
    ("Vitree", "vitree", C, False),
    ("WSG", "wsg", C, False),
    ("Creating Balance", "creating-balance", C, False),
    ("Stichting De Kern", "stichting-de-kern", C, False),
]


def municipality_rows() -> list[tuple[str, str, PartyKind, PartyDomain, bool]]:
    return [
        (
            f"Gemeente {name}",
            f"gemeente-{name.lower()}",
            PartyKind.municipality,
            PartyDomain.municipal,
            True,
        )
        for name in MUNICIPALITIES
    ]

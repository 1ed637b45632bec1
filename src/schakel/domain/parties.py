"""Kinds of parties and their domains (the signatories of the covenant, and the house itself)."""

from __future__ import annotations

from enum import StrEnum


class PartyKind(StrEnum):
    municipality = "municipality"
    partner = "partner"
    # The house itself is not a signatory, but its staff (manager, process directors, secretary,
    # information coordinator, privacy officer) act for it. Art. 1.13: a process director works
    # "namens een van de Partijen"; Schakel records the house as the acting organisation so the
    # access log tells house staff apart from a partner's delegates.
    house = "house"


class PartyDomain(StrEnum):
    care = "care"
    criminal_justice = "criminal_justice"
    municipal = "municipal"


PARTY_KIND_LABELS_NL: dict[PartyKind, str] = {
    PartyKind.municipality: "Gemeente",
    PartyKind.partner: "Ketenpartner",
    PartyKind.house: "Zorg- en Veiligheidshuis",
}

PARTY_DOMAIN_LABELS_NL: dict[PartyDomain, str] = {
    PartyDomain.care: "Zorgdomein",
    PartyDomain.criminal_justice: "Strafrechtketen",
    PartyDomain.municipal: "Gemeentelijk domein",
}

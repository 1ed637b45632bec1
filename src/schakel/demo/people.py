"""Fictional people of the demo house. Names are invented; any likeness is coincidence."""

from __future__ import annotations

from typing import NamedTuple

from schakel.domain.roles import Role


class DemoPerson(NamedTuple):
    username: str
    first_name: str
    last_name: str
    party_slug: str
    roles: tuple[Role, ...]
    job_title: str


R = Role
PEOPLE: list[DemoPerson] = [
    # The house's own staff
    DemoPerson(
        "manager",
        "Marloes",
        "van Dijk",
        "zvh-ijsselland",
        (R.manager, R.core_group_member),
        "Manager Zorg- en Veiligheidshuis",
    ),
    DemoPerson(
        "procesregisseur",
        "Anouk",
        "Jansen",
        "zvh-ijsselland",
        (R.process_director,),
        "Procesregisseur",
    ),
    DemoPerson(
        "procesregisseur2",
        "Bram",
        "Veenstra",
        "zvh-ijsselland",
        (R.process_director,),
        "Procesregisseur",
    ),
    DemoPerson(
        "secretaris",
        "Sanne",
        "de Boer",
        "zvh-ijsselland",
        (R.conference_secretary,),
        "Administratief medewerker casustafels",
    ),
    DemoPerson(
        "infocoordinator",
        "Ilse",
        "Mulder",
        "zvh-ijsselland",
        (R.information_coordinator,),
        "Informatiecoördinator",
    ),
    DemoPerson(
        "privacy",
        "Pieter",
        "Smit",
        "zvh-ijsselland",
        (R.privacy_officer,),
        "Functionaris gegevensbescherming",
    ),
    DemoPerson(
        "beheerder",
        "Femke",
        "Bos",
        "zvh-ijsselland",
        (R.functional_administrator,),
        "Functioneel beheerder",
    ),
    # Partner delegates
    DemoPerson(
        "politie",
        "Kees",
        "Hendriks",
        "politie-oost-nederland",
        (R.partner_delegate,),
        "Wijkagent, district IJsselland",
    ),
    DemoPerson(
        "om", "Laura", "Visser", "om-oost-nederland", (R.partner_delegate,), "Parketsecretaris"
    ),
    DemoPerson(
        "ggz",
        "Daan",
        "Meijer",
        "dimence",
        (R.partner_delegate,),
        "Sociaal psychiatrisch verpleegkundige",
    ),
    DemoPerson(
        "reclassering",
        "Yusuf",
        "Kaya",
        "reclassering-nederland",
        (R.partner_delegate,),
        "Reclasseringswerker",
    ),
    DemoPerson("tactus", "Eva", "Peters", "tactus", (R.partner_delegate,), "Verslavingsarts"),
    DemoPerson(
        "veiligthuis",
        "Noor",
        "Willems",
        "veilig-thuis",
        (R.partner_delegate,),
        "Aandachtsfunctionaris",
    ),
    DemoPerson(
        "jbo",
        "Ruben",
        "Koster",
        "jeugdbescherming-overijssel",
        (R.partner_delegate,),
        "Jeugdbeschermer",
    ),
    DemoPerson(
        "zwolle",
        "Hanneke",
        "Dekker",
        "gemeente-zwolle",
        (R.partner_delegate,),
        "Beleidsadviseur veiligheid",
    ),
    DemoPerson(
        "deventer",
        "Thijs",
        "Brouwer",
        "gemeente-deventer",
        (R.partner_delegate,),
        "Regisseur zorg en veiligheid",
    ),
    DemoPerson(
        "kampen",
        "Mirjam",
        "Vos",
        "gemeente-kampen",
        (R.partner_delegate,),
        "Consulent sociaal domein",
    ),
    # Governance
    DemoPerson(
        "burgemeester",
        "Gerrit",
        "Hoekstra",
        "gemeente-zwolle",
        (R.steering_group_member,),
        "Burgemeester, voorzitter stuurgroep",
    ),
    DemoPerson(
        "directeur.vt",
        "Carla",
        "Prins",
        "veilig-thuis",
        (R.steering_group_member,),
        "Directeur Veilig Thuis IJsselland",
    ),
    DemoPerson(
        "kerngroep.politie",
        "Jeroen",
        "Wolters",
        "politie-oost-nederland",
        (R.core_group_member,),
        "Teamchef, afgevaardigde kerngroep",
    ),
]

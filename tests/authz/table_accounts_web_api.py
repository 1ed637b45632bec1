"""Rows for the shell (home, parties, health, language), our own account pages and the
API's own endpoints (me, parties, the schema and its documentation)."""

from __future__ import annotations

from tests.authz.engine import Row

# The shell is open to every signed-in member; the party register is public knowledge of the
# covenant (Bijlage 1). Health and the language switch are public (tests/test_url_access.py);
# the API's description is public too, but ActivePartyMiddleware already turns away a signed-in
# user of a party that is not a member (Art. 23), before any view.
ROWS = [
    Row("web:home", get="ok ok ok ok ok | ok ok ok ok ok | away away login"),
    Row("web:party_list", get="ok ok ok ok ok | ok ok ok ok ok | away away login"),
    Row(
        "web:party_detail", args=("party",), get="ok ok ok ok ok | ok ok ok ok ok | away away login"
    ),
    Row("web:health", get="ok ok ok ok ok | ok ok ok ok ok | ok ok ok"),
    Row("web:set_language", get="302 302 302 302 302 | 302 302 302 302 302 | 302 302 302"),
    Row("accounts:session_status", get="ok ok ok ok ok | ok ok ok ok ok | away away login"),
    # Where ActivePartyMiddleware sends the users of a party that left; members go home.
    Row("accounts:party_not_member", get="302 302 302 302 302 | 302 302 302 302 302 | ok ok login"),
    Row("api:me", get="ok ok ok ok ok | ok ok ok ok ok | away away login"),
    Row("api:parties", get="ok ok ok ok ok | ok ok ok ok ok | away away login"),
    Row("api:schema", get="ok ok ok ok ok | ok ok ok ok ok | away away ok"),
    Row("api:docs", get="ok ok ok ok ok | ok ok ok ok ok | away away ok"),
]

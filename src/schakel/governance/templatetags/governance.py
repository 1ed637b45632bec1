"""Dutch labels for the governance states, as template filters."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

_LABELS = {
    # join stages (domain.covenant.JoinStage)
    "requested": _("Requested"),
    "parties_informed": _("Parties informed"),
    "refused": _("A party does not agree"),
    "ready_for_decision": _("Ready for the steering group"),
    "rejected": _("Rejected"),
    "approved": _("Approved; Annex 1 to be signed"),
    "joined": _("Joined"),
    # results (domain.covenant_votes.Result)
    "adopted": _("Adopted"),
    "blocked": _("Blocked"),
    "no_decision": _("No decision"),
    # votes
    "for": _("For"),
    "against": _("Against"),
    "abstain": _("Abstain"),
    # consent
    "agreed": _("Agrees"),
    # bodies
    "steering_group": _("Steering group"),
    "core_group": _("Core group"),
    "district_safety_council": _("District Safety Council"),
    # departures
    "notice": _("Notice (Art. 23.1b)"),
    "ceased": _("Ceased to exist (Art. 23.1c)"),
    "withdrawal": _("Withdrawal after an amendment (Art. 22.3)"),
    "exclusion": _("Exclusion (Art. 23.2)"),
    # roles in the core group (domain.covenant_votes.CoreRole)
    "partner_delegate": _("delegate of a partner"),
    "municipal_delegate": _("municipal delegate"),
    "process_director": _("process director"),
    "manager": _("manager of the house"),
    # meeting and motion status
    "planned": _("Planned"),
    "held": _("Held"),
    "open": _("Open"),
    "decided": _("Decided"),
}


@register.filter
def gov_label(value: object) -> str:
    return str(_LABELS.get(str(value), value))

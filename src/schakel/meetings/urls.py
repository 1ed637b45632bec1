"""Web URLs of the meetings app (mounted at /overleggen/)."""

from django.urls import path

from schakel.meetings.views import agenda, board, item, meeting

app_name = "meetings"
_ITEM = "<int:meeting_id>/punten/<int:item_id>/"
urlpatterns = [
    path("", board.board, name="board"),
    path("mijn/", board.mine, name="mine"),
    path("nieuw/", board.meeting_new, name="new"),
    path("<int:meeting_id>/", meeting.detail, name="detail"),
    path("<int:meeting_id>/wijzigen/", meeting.edit, name="edit"),
    path("<int:meeting_id>/annuleren/", meeting.cancel, name="cancel"),
    path("<int:meeting_id>/gehouden/", meeting.held, name="held"),
    path("<int:meeting_id>/agenda.pdf", meeting.agenda_pdf, name="agenda_pdf"),
    path("<int:meeting_id>/uitnodiging.ics", meeting.ics, name="ics"),
    path("<int:meeting_id>/punten/nieuw/", meeting.item_new, name="item_new"),
    path(_ITEM, item.item_detail, name="item"),
    path(_ITEM + "verwijderen/", agenda.remove, name="item_remove"),
    path(_ITEM + "verplaatsen/", agenda.move, name="item_move"),
    path(_ITEM + "uitnodigen/", item.invite, name="invite"),
    path(_ITEM + "uitnodigingen/<int:invitation_id>/intrekken/", item.uninvite, name="uninvite"),
    path(_ITEM + "aanwezigheid/", item.attendance, name="attendance"),
    path(_ITEM + "notulen/", item.minutes, name="minutes"),
    path(_ITEM + "notulen/versturen/", item.send_minutes, name="send_minutes"),
    path(_ITEM + "notulen.pdf", item.minutes_download, name="minutes_pdf"),
    path(_ITEM + "besluit/", item.decide, name="decide"),
    path(_ITEM + "plan/", item.plan, name="plan"),
]

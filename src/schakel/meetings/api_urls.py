"""API URLs of the meetings app, mounted under /api/v1/ (no trailing slashes, ADR)."""

from django.urls import path

from schakel.meetings import api_agenda
from schakel.meetings import api_views as views

_ITEM = "meetings/<int:meeting_id>/items/<int:item_id>"
urlpatterns = [
    path("meetings", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/<int:meeting_id>", views.MeetingDetailView.as_view(), name="meeting"),
    path(
        "meetings/<int:meeting_id>/cancellation",
        views.MeetingCancelView.as_view(),
        name="meeting_cancel",
    ),
    path("meetings/<int:meeting_id>/items", views.AgendaItemsView.as_view(), name="meeting_items"),
    path(_ITEM, api_agenda.AgendaItemView.as_view(), name="meeting_item"),
    path(
        _ITEM + "/position",
        api_agenda.AgendaItemPositionView.as_view(),
        name="meeting_item_position",
    ),
    path(_ITEM + "/invitations", views.InvitationsView.as_view(), name="meeting_invitations"),
    path(
        _ITEM + "/invitations/<int:invitation_id>",
        views.InvitationView.as_view(),
        name="meeting_invitation",
    ),
    path(_ITEM + "/minutes", views.MinutesView.as_view(), name="meeting_minutes"),
    path(_ITEM + "/decision", views.DecisionView.as_view(), name="meeting_decision"),
]

"""API URLs of the sharing app, mounted under /api/v1/ (no trailing slashes, ADR)."""

from django.urls import path

from schakel.sharing import api_views as views

urlpatterns = [
    path("cases/<int:case_id>/information", views.CaseItemsView.as_view(), name="case_items"),
    path("information/<int:item_id>", views.ItemView.as_view(), name="item"),
    path(
        "information/<int:item_id>/withdrawal",
        views.ItemWithdrawView.as_view(),
        name="item_withdraw",
    ),
    path(
        "information/<int:item_id>/attachments",
        views.AttachmentAddView.as_view(),
        name="item_attachment_add",
    ),
    path(
        "information/<int:item_id>/attachments/<int:attachment_id>",
        views.AttachmentView.as_view(),
        name="item_attachment",
    ),
    path(
        "information/<int:item_id>/releases",
        views.ReleaseProposeView.as_view(),
        name="item_release_propose",
    ),
    path(
        "information/<int:item_id>/releases/<int:release_id>/decision",
        views.ReleaseDecideView.as_view(),
        name="item_release_decide",
    ),
    path(
        "information/<int:item_id>/releases/<int:release_id>/withdrawal",
        views.ReleaseWithdrawView.as_view(),
        name="item_release_withdraw",
    ),
]

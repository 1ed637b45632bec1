"""The tables the sweep deletes from are found from the model registry, leaves first."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from schakel.cases.models import Case
from schakel.retention.graph import case_bound_models, subject_graph


def test_every_table_with_a_path_to_a_case_is_covered_leaves_first() -> None:
    bound = case_bound_models()
    labels = [b.label for b in bound]
    assert labels[-1] == "cases.Case"
    for expected in (
        "sharing.InformationItem",
        "sharing.Release",
        "sharing.ThirdPartyConsent",
        "cases.ProgressNote",
        "cases.PlanAction",
        "cases.CaseSubject",
    ):
        assert expected in labels
    covered = {b.model for b in bound}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.ForeignKey)
                and field.remote_field.model in covered
                and field.remote_field.on_delete is not models.SET_NULL
                and model is not Case
            ):
                assert model in covered, model
                # A referrer is deleted before the row it points at.
                assert labels.index(model._meta.label) < labels.index(
                    field.remote_field.model._meta.label
                ), (model, field.name)
    files = {b.label for b in bound if b.file_fields}
    if apps.is_installed("schakel.sharing") and "sharing.Attachment" in labels:
        assert "sharing.Attachment" in files


def test_a_person_is_kept_by_another_cases_link() -> None:
    graph = subject_graph()
    assert graph.bound[-1].label == "cases.Subject"
    assert ("cases.CaseSubject", "subject") in {(m._meta.label, f) for m, f in graph.keepers}

"""Output serializers shared by the governance API modules."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from schakel.governance.models import Motion


class VoteOutSerializer(serializers.Serializer[Any]):
    member = serializers.IntegerField(source="member_id")
    name = serializers.CharField(source="member.user")
    vote = serializers.CharField()


class EscalationSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    motion = serializers.IntegerField(source="motion_id")
    from_body = serializers.CharField()
    to_body = serializers.CharField()
    reason = serializers.CharField()
    escalated_on = serializers.DateField()
    follow_up = serializers.IntegerField(source="follow_up_id", allow_null=True)
    outcome = serializers.CharField(help_text="Art. 5.6, 5.7: what the DVO decided.")
    outcome_on = serializers.DateField(allow_null=True)


class MotionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    body = serializers.CharField()
    meeting = serializers.IntegerField(source="meeting_id", allow_null=True)
    kind = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    result = serializers.CharField()
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    abstentions = serializers.IntegerField()
    consensus = serializers.BooleanField()
    refer_to_dvo = serializers.BooleanField()
    discuss_in_rciv = serializers.BooleanField()
    decided_on = serializers.DateField(allow_null=True)
    core_group_informed_at = serializers.DateTimeField(
        allow_null=True, help_text="Art. 5.8: when the core group was informed in writing."
    )
    reasons = serializers.SerializerMethodField()
    escalated_to = serializers.SerializerMethodField()
    escalations = EscalationSerializer(many=True)
    votes = VoteOutSerializer(many=True)

    def get_reasons(self, obj: Motion) -> list[str]:
        return obj.reasons.splitlines()

    def get_escalated_to(self, obj: Motion) -> list[str]:
        return [e.to_body for e in obj.escalations.all()]


class ProposalInSerializer(serializers.Serializer[Any]):
    meeting = serializers.IntegerField(help_text="A meeting of the steering group.")

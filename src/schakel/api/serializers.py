"""Shapes of the API's answers."""

from __future__ import annotations

from rest_framework import serializers


class PartySerializer(serializers.Serializer[object]):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField()
    domain = serializers.CharField()
    is_core_partner = serializers.BooleanField()
    is_member = serializers.BooleanField()


class MeSerializer(serializers.Serializer[object]):
    username = serializers.CharField()
    full_name = serializers.CharField()
    party = PartySerializer()
    roles = serializers.ListField(child=serializers.CharField())


class ProblemSerializer(serializers.Serializer[object]):
    """RFC 9457 problem details."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()

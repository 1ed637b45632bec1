import pytest
from django.test import override_settings

from schakel.core.links import absolute_reverse, absolute_url


@override_settings(SCHAKEL_BASE_URL="https://schakel.example.nl")
def test_links_in_mail_are_absolute() -> None:
    assert absolute_url("/bestuur/") == "https://schakel.example.nl/bestuur/"
    assert (
        absolute_reverse("governance:decisions") == "https://schakel.example.nl/bestuur/besluiten/"
    )


def test_a_relative_path_is_refused() -> None:
    with pytest.raises(ValueError, match="path"):
        absolute_url("bestuur/")

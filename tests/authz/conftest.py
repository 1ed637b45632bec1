"""The matrix's house is built once per module, inside a transaction rolled back at the end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client, override_settings

from tests.authz.world import USERNAMES, World, build_world


@pytest.fixture(scope="module")
def world_and_clients(
    django_db_setup: None, django_db_blocker: object, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[World, dict[str, Client]]]:
    media: Path = tmp_path_factory.mktemp("authz-media")
    with (
        django_db_blocker.unblock(),  # type: ignore[attr-defined]
        override_settings(SCHAKEL_REQUIRE_2FA=False, MEDIA_ROOT=str(media)),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            # A server error is a mismatch to list with the others, not an exception that
            # stops the run.
            clients = {"anonymous": Client(raise_request_exception=False)}
            for persona, username in USERNAMES.items():
                clients[persona] = Client(raise_request_exception=False)
                clients[persona].force_login(world.users[username])
            yield world, clients
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

"""Fixtures for core tests: loopback API servers."""

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest_asyncio

from tests.loopback import Handler, LoopbackApi


@pytest_asyncio.fixture
async def make_api() -> AsyncIterator[Callable[[Handler], Awaitable[LoopbackApi]]]:
    """Start loopback APIs with a given handler; all are closed after the test."""
    started: list[LoopbackApi] = []

    async def make(handler: Handler) -> LoopbackApi:
        api = await LoopbackApi(handler).start()
        started.append(api)
        return api

    yield make
    for api in started:
        await api.close()

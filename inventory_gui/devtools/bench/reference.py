"""The whole-process reference: a plain aiohttp script doing what ``inventory-gui fetch`` does.

``python -m inventory_gui.devtools.bench.reference FILE PORT CONCURRENCY OUT.json``
reads the product IDs of a one-column CSV FILE (a header, then one ID a line),
fetches each from the bench server with the strongest plain client we know
(one ``ClientSession``, connector limit = CONCURRENCY, a semaphore of
CONCURRENCY around each request, ``asyncio.gather`` over every product, the
stock asyncio loop: the ``sem`` client of :mod:`.clients` and of the shared
anchors), and writes the answers as one JSON array to OUT.json.  It is timed
from outside, as a whole process, like the command it is compared with, so
it imports nothing from the project beyond its package's ``__init__``.
"""

from __future__ import annotations

import asyncio
import csv
import json
import sys
from typing import Any

import aiohttp


async def fetch_all(base: str, ids: list[str], concurrency: int) -> list[Any]:
    """Fetch every ID; an error is kept as its text."""
    semaphore = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(pid: str) -> Any:
            async with semaphore:
                try:
                    async with session.get(base + pid) as response:
                        return await response.json()
                except Exception as exc:
                    return str(exc)

        return await asyncio.gather(*(one(pid) for pid in ids))


def main(argv: list[str]) -> int:
    """Read, fetch, write; exit 1 if any request failed."""
    file, port, concurrency, out = argv[0], int(argv[1]), int(argv[2]), argv[3]
    with open(file, newline="", encoding="utf-8") as source:
        ids = [row[0] for row in csv.reader(source)][1:]
    base = f"http://127.0.0.1:{port}/get-current-inventory/"
    answers = asyncio.run(fetch_all(base, ids, concurrency))
    with open(out, "w", encoding="utf-8") as target:
        json.dump(answers, target)
    return 0 if all(isinstance(a, dict) for a in answers) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

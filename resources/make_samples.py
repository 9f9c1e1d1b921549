"""Regenerate the demo catalogue and the sample product lists in this folder.

Usage: ``python resources/make_samples.py`` (from anywhere).

The output is deterministic (``random.Random(SEED)``, fixed XLSX timestamps), so
running it again rewrites byte-identical files.  Only the generated files are
needed at run time; this script just documents how they were made.

Files written next to this script:

* ``catalogue.json``: the demo server's products, one JSON object per line.
* ``sample-products.csv`` / ``.xlsx``: columns ``id,name,reorder_point``.
* ``sample-products.json``: a list of ``{"id", "name"}`` objects.

Every sample list holds the same rows: catalogue products (all the awkward IDs
among them), the IDs in ``UNKNOWN_IDS`` (absent from the catalogue) and one
catalogue row repeated (``DUPLICATE_ID``).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import string
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

SEED = 20240611
CATALOGUE_SIZE = 300
SAMPLE_SIZE = 54  # catalogue rows in the sample lists, before unknowns and the duplicate
HERE = Path(__file__).resolve().parent

# SKU-like IDs whose leading zeros must survive loading (and "12345", a number in the XLSX).
SKU_IDS = ("007", "0042", "000123", "000124", "001000", "0987654", "12345")
# IDs that only reach the server intact when percent-encoded as one path segment.
ENCODED_IDS = ("AB/12", "size M", "café-01", "50%off", "R&D-7", "no.5#blue", "x+y?")
# In the sample lists but not in the catalogue: the server answers 404.
# "7" is "007" with its zeros lost, as a careless spreadsheet would have it.
UNKNOWN_IDS = ("zz9plur", "000999", "7", "AB/13")
UNKNOWN_NAMES = ("Discontinued widget", "Old catalogue entry", "Typo in spreadsheet", "Not a SKU")

WAREHOUSES = ("Leeds", "Rotterdam", "Lyon", "Poznań", "Memphis")
CATEGORIES: dict[str, dict[str, tuple[str, ...]]] = {
    "Fasteners": {
        "Hex Bolt": ("M6 x 40, pack of 20", "M8 x 60, pack of 10", "M10 x 80, stainless"),
        "Wood Screw": ("4 x 40, pack of 200", "5 x 60, pack of 100", "3.5 x 30, brass"),
        "Wall Plug": ("brown 7mm, pack of 100", "red 6mm, pack of 100", "plasterboard"),
        "Lock Nut": ("M6, pack of 50", "M8, pack of 50", "M10 nyloc"),
    },
    "Hand Tools": {
        "Claw Hammer": ("16oz", "20oz fibreglass"),
        "Screwdriver Set": ("6 piece", "insulated 7 piece", "precision 12 piece"),
        "Adjustable Spanner": ("200mm", "250mm", "300mm"),
        "Tape Measure": ("5m", "8m", "10m"),
    },
    "Power Tools": {
        "Cordless Drill": ("18V brushless", "12V compact", "18V kit with 2 batteries"),
        "Jigsaw": ("650W", "18V cordless"),
        "Angle Grinder": ("115mm 750W", "125mm 18V"),
        "Orbital Sander": ("125mm random orbit", "1/4 sheet"),
    },
    "Electrical": {
        "LED Bulb": ("E27 9W warm white", "GU10 5W, pack of 4", "B22 dimmable"),
        "Extension Lead": ("4-way 2m", "6-way surge protected", "outdoor reel 25m"),
        "Cable Ties": ("200mm, pack of 100", "300mm black, pack of 100"),
        "Double Socket": ("white", "brushed steel with USB"),
    },
    "Plumbing": {
        "Compression Elbow": ("15mm", "22mm"),
        "PTFE Tape": ("12mm x 12m", "gas-rated"),
        "Basin Tap": ("chrome mixer", "pair, chrome"),
        "Ball Valve": ("15mm lever", "22mm full bore"),
    },
    "Garden": {
        "Garden Hose": ("25m", "50m reel"),
        "Pruning Shears": ("bypass", "anvil"),
        "Plant Pot": ("terracotta 30cm", "plastic 20cm, pack of 10"),
        "Watering Can": ("10L", "5L indoor"),
    },
    "Paint": {
        "Emulsion": ("white 5L", "slate grey 2.5L", "magnolia 10L"),
        "Gloss Paint": ("white 750ml", "black 750ml"),
        "Wood Stain": ("oak 750ml", "walnut 2.5L"),
        "Paint Roller": ("9in kit", "4in mini, pack of 2"),
    },
    "Safety": {
        "Safety Glasses": ("clear", "tinted"),
        "Work Gloves": ("size M", "size L", "cut-resistant size XL"),
        "Ear Defenders": ("SNR 30", "foldable SNR 27"),
        "Dust Mask": ("FFP2, pack of 10", "FFP3 valved, pack of 5"),
    },
}


def _random_id(rng: random.Random, taken: set[str]) -> str:
    """A fresh seven-character lowercase ID such as ``k3is9dj``."""
    alphabet = string.ascii_lowercase + string.digits
    while True:
        candidate = "".join(rng.choice(alphabet) for _ in range(7))
        if candidate not in taken and candidate not in UNKNOWN_IDS:
            return candidate


def _stock(rng: random.Random) -> tuple[int, int]:
    """``(quantity, reorder_point)``: some out of stock, some below the reorder point."""
    reorder_point = rng.choice((5, 10, 10, 15, 20, 25, 50))
    roll = rng.random()
    if roll < 0.08:
        return 0, reorder_point
    if roll < 0.22:
        return rng.randint(1, reorder_point - 1), reorder_point
    return rng.randint(reorder_point, 500), reorder_point


def _product(rng: random.Random, product_id: str) -> dict[str, object]:
    category = rng.choice(sorted(CATEGORIES))
    noun = rng.choice(sorted(CATEGORIES[category]))
    quantity, reorder_point = _stock(rng)
    return {
        "id": product_id,
        "name": f"{noun}, {rng.choice(CATEGORIES[category][noun])}",
        "category": category,
        "warehouse": rng.choice(WAREHOUSES),
        "quantity": quantity,
        "reorder_point": reorder_point,
    }


def make_catalogue(rng: random.Random) -> list[dict[str, object]]:
    """All catalogue products; the special IDs are spread among random ones."""
    ids = list(SKU_IDS + ENCODED_IDS)
    taken = set(ids)
    while len(ids) < CATALOGUE_SIZE:
        ids.append(_random_id(rng, taken))
        taken.add(ids[-1])
    rng.shuffle(ids)
    return [_product(rng, product_id) for product_id in ids]


def make_sample_rows(
    rng: random.Random, catalogue: list[dict[str, object]]
) -> list[tuple[str, str, int]]:
    """``(id, name, reorder_point)`` rows shared by the three sample files."""
    special = set(SKU_IDS + ENCODED_IDS)
    plain = [p for p in catalogue if p["id"] not in special]
    chosen = [p for p in catalogue if p["id"] in special]
    chosen += rng.sample(plain, SAMPLE_SIZE - len(chosen))
    rows = [(str(p["id"]), str(p["name"]), int(p["reorder_point"])) for p in chosen]
    rows += [
        (product_id, name, rng.choice((5, 10, 20)))
        for product_id, name in zip(UNKNOWN_IDS, UNKNOWN_NAMES, strict=True)
    ]
    rng.shuffle(rows)
    original = next(row for row in rows[5:] if row[0] not in UNKNOWN_IDS)
    rows.insert(len(rows) - 5, original)  # one duplicate, well after the first
    return rows


def duplicate_id(rows: list[tuple[str, str, int]]) -> str:
    """The one ID that appears twice in the sample rows."""
    seen: set[str] = set()
    for product_id, _, _ in rows:
        if product_id in seen:
            return product_id
        seen.add(product_id)
    raise ValueError("no duplicate")


def write_catalogue(path: Path, catalogue: list[dict[str, object]]) -> None:
    """One product per line: readable, and diffs stay small."""
    lines = ",\n".join(json.dumps(p, ensure_ascii=False) for p in catalogue)
    path.write_text(f"[\n{lines}\n]\n", encoding="utf-8")


def write_csv(path: Path, rows: list[tuple[str, str, int]]) -> None:
    """UTF-8 CSV with a header row."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("id", "name", "reorder_point"))
        writer.writerows(rows)


def write_json(path: Path, rows: list[tuple[str, str, int]]) -> None:
    """A list of ``{"id", "name"}`` objects."""
    items = [{"id": product_id, "name": name} for product_id, name, _ in rows]
    path.write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_xlsx(path: Path, rows: list[tuple[str, str, int]]) -> None:
    """IDs as text cells, except ``12345`` which is stored as a number."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Products"
    sheet.append(("id", "name", "reorder_point"))
    for product_id, name, reorder_point in rows:
        sheet.append(
            (int(product_id) if product_id == "12345" else product_id, name, reorder_point)
        )
        if product_id != "12345":
            sheet.cell(row=sheet.max_row, column=1).number_format = "@"
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 32
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_reproducible_zip(buffer.getvalue()))


def _reproducible_zip(data: bytes) -> bytes:
    """Rewrite an XLSX with fixed entry dates and document timestamps."""
    fixed = datetime(2024, 6, 11).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rf"\g<1>{fixed}", text)
                content = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 6, 11, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, content)
    return out.getvalue()


def main() -> None:
    """Write the catalogue and the three sample lists next to this script."""
    rng = random.Random(SEED)
    catalogue = make_catalogue(rng)
    rows = make_sample_rows(rng, catalogue)
    write_catalogue(HERE / "catalogue.json", catalogue)
    write_csv(HERE / "sample-products.csv", rows)
    write_json(HERE / "sample-products.json", rows)
    write_xlsx(HERE / "sample-products.xlsx", rows)
    print(f"{len(catalogue)} products; {len(rows)} sample rows; duplicate {duplicate_id(rows)!r}")


if __name__ == "__main__":
    main()

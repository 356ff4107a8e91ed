"""Derive the course's indicator table and country shapes from upstream files.

Usage (``make data`` runs it with the defaults)::

    python -m sco_course.prepare [--upstream ../shared/data-sources] [--out data]

Reads the World Bank, Our World in Data and Natural Earth files named in
:data:`UPSTREAM` and writes ``indicators.csv``, ``indicator_sources.csv`` and
``countries.geojson``. The output is byte-for-byte deterministic, so a test
can regenerate it and compare it with the committed files. The states are
those of ``membership.csv`` in the output folder, plus the World aggregate.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
from pathlib import Path

from sco_course.data import WORLD

FIRST_YEAR = 1996
OWID_WORLD = "OWID_WRL"
COORD_DECIMALS = 2
SIMPLIFY_TOLERANCE = 0.05  # degrees; about 5 km, below what a 1:110m map shows

UPSTREAM = {
    "gdp": "worldbank-gdp-current-usd.csv",
    "population": "worldbank-population.csv",
    "trade": "owid-trade-share-of-gdp.csv",
    "growth": "owid-real-gdp-growth.csv",
    "energy": "owid-fossil-fuel-production.csv",
    "countries": "naturalearth-110m-admin0-countries.geojson",
    "places": "naturalearth-110m-populated-places-simple.geojson",
}

SOURCES = [
    {
        "id": "wb-gdp",
        "publisher": "World Bank",
        "title": "World Development Indicators: GDP (current US$), NY.GDP.MKTP.CD",
        "url": "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD",
        "licence": "CC BY 4.0",
        "via": "datasets/gdp on GitHub, data/gdp.csv (commit 822019c, 2026-03-20)",
    },
    {
        "id": "wb-population",
        "publisher": "World Bank",
        "title": "World Development Indicators: Population, total, SP.POP.TOTL",
        "url": "https://data.worldbank.org/indicator/SP.POP.TOTL",
        "licence": "CC BY 4.0",
        "via": "datasets/population on GitHub, data/population.csv (commit 425fc44, 2026-03-06)",
    },
    {
        "id": "owid-trade",
        "publisher": "World Bank and OECD national accounts, processed by Our World in Data",
        "title": "Trade as a share of GDP (exports plus imports of goods and services), NE.TRD.GNFS.ZS",
        "url": "https://ourworldindata.org/grapher/trade-as-share-of-gdp",
        "licence": "CC BY 4.0",
        "via": "Our World in Data export, downloaded 2025-08-07",
    },
    {
        "id": "course-trade-usd",
        "publisher": "Derived by the course from wb-gdp and owid-trade",
        "title": "Trade in current US$ = GDP (current US$) x trade (% of GDP) / 100; goods and services, exports plus imports, nominal",
        "url": "https://data.worldbank.org/indicator/NE.TRD.GNFS.ZS",
        "licence": "CC BY 4.0",
        "via": "computed by sco_course.prepare",
    },
    {
        "id": "owid-imf-growth",
        "publisher": "International Monetary Fund, via Our World in Data",
        "title": "World Economic Outlook (April 2025): GDP, constant prices, percent change (observations)",
        "url": "https://ourworldindata.org/grapher/real-gdp-growth",
        "licence": "CC BY 4.0 (Our World in Data); IMF terms for the underlying data",
        "via": "Our World in Data export, downloaded 2025-08-07",
    },
    {
        "id": "owid-ei-energy",
        "publisher": "Energy Institute, via Our World in Data",
        "title": "Statistical Review of World Energy (2025): coal, oil and gas production",
        "url": "https://ourworldindata.org/grapher/fossil-fuel-production",
        "licence": "CC BY 4.0 (Our World in Data); Energy Institute terms for the underlying data",
        "via": "Our World in Data export, downloaded 2025-08-07",
    },
]

# indicator -> (upstream key, column, unit, derived, source id)
INDICATORS = {
    "gdp_current_usd": ("gdp", "Value", "current US$", False, "wb-gdp"),
    "population": ("population", "Value", "people", False, "wb-population"),
    "trade_pct_gdp": ("trade", "Trade (% of GDP)", "% of GDP", False, "owid-trade"),
    "real_gdp_growth_pct": ("growth", "Gross domestic product, constant prices - Percent change - Observations",
                            "% change on previous year", False, "owid-imf-growth"),
    "coal_production_twh": ("energy", "Coal production - TWh", "TWh", False, "owid-ei-energy"),
    "oil_production_twh": ("energy", "Oil production - TWh", "TWh", False, "owid-ei-energy"),
    "gas_production_twh": ("energy", "Gas production - TWh", "TWh", False, "owid-ei-energy"),
}
TRADE_USD = "trade_current_usd"


def format_number(value: float) -> str:
    """Shortest text that reads back to the same float; whole numbers without '.0'."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def sco_states(out_dir: Path) -> list[str]:
    with (out_dir / "membership.csv").open(encoding="utf-8", newline="") as handle:
        return sorted({row["state"] for row in csv.DictReader(handle)})


def read_series(path: Path, column: str, states: set[str]) -> dict[tuple[str, int], float]:
    """(state, year) -> value for one upstream column, World Bank or OWID layout."""
    series = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row.get("Country Code") or row.get("Code") or ""
            code = WORLD if code == OWID_WORLD else code
            year = int(row["Year"])
            if code in states and year >= FIRST_YEAR and row[column] != "":
                series[(code, year)] = float(row[column])
    return series


def indicator_rows(upstream: Path, states: set[str]) -> list[list[str]]:
    values: dict[str, dict[tuple[str, int], float]] = {}
    for indicator, (key, column, _, _, _) in INDICATORS.items():
        values[indicator] = read_series(upstream / UPSTREAM[key], column, states)
    values[TRADE_USD] = {
        key: gdp * values["trade_pct_gdp"][key] / 100
        for key, gdp in values["gdp_current_usd"].items()
        if key in values["trade_pct_gdp"]
    }
    meta = {name: (unit, derived, source) for name, (_, _, unit, derived, source) in INDICATORS.items()}
    meta[TRADE_USD] = ("current US$", True, "course-trade-usd")
    rows = []
    for indicator in sorted(values):
        unit, derived, source = meta[indicator]
        for (state, year), value in sorted(values[indicator].items()):
            rows.append([state, str(year), indicator, format_number(value), unit, "true" if derived else "false", source])
    return rows


def _perpendicular_distance(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    if (x1, y1) == (x2, y2):
        return math.hypot(x - x1, y - y1)
    return abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / math.hypot(x2 - x1, y2 - y1)


def simplify_line(points: list, tolerance: float) -> list:
    """Douglas-Peucker simplification of an open polyline."""
    if len(points) < 3:
        return list(points)
    distances = [_perpendicular_distance(p, points[0], points[-1]) for p in points[1:-1]]
    farthest = max(range(len(distances)), key=distances.__getitem__) + 1
    if distances[farthest - 1] <= tolerance:
        return [points[0], points[-1]]
    return simplify_line(points[: farthest + 1], tolerance)[:-1] + simplify_line(points[farthest:], tolerance)


def simplify_ring(ring: list) -> list:
    """Simplify and round a closed ring; keep the original if too few points would remain."""
    simplified = simplify_line(ring, SIMPLIFY_TOLERANCE)
    rounded = []
    for x, y in simplified:
        point = [round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) < 4:
        rounded = [[round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)] for x, y in ring]
    return rounded


def simplify_geometry(geometry: dict) -> dict:
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [simplify_ring(ring) for ring in geometry["coordinates"]]}
    return {
        "type": "MultiPolygon",
        "coordinates": [[simplify_ring(ring) for ring in polygon] for polygon in geometry["coordinates"]],
    }


def country_features(upstream: Path, states: list[str]) -> dict:
    countries = json.loads((upstream / UPSTREAM["countries"]).read_text(encoding="utf-8"))
    places = json.loads((upstream / UPSTREAM["places"]).read_text(encoding="utf-8"))
    by_code = {}
    for feature in countries["features"]:
        properties = feature["properties"]
        code = properties["ISO_A3"] if properties["ISO_A3"] in states else properties["ADM0_A3"]
        if code in states:
            by_code[code] = feature
    capitals = {
        place["properties"]["adm0_a3"]: place
        for place in places["features"]
        if place["properties"]["adm0cap"] == 1
    }
    features = []
    for code in states:
        if code in by_code:
            source = by_code[code]
            features.append({
                "type": "Feature",
                "properties": {"iso3": code, "name": source["properties"]["NAME"], "shape": "polygon"},
                "geometry": simplify_geometry(source["geometry"]),
            })
        elif code in capitals:
            capital = capitals[code]["properties"]
            features.append({
                "type": "Feature",
                "properties": {
                    "iso3": code,
                    "name": capital["adm0name"],
                    "shape": f"point at the capital, {capital['name']} (too small for 1:110m polygons)",
                },
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(capital["longitude"], 4), round(capital["latitude"], 4)],
                },
            })
        else:
            raise SystemExit(f"Natural Earth has neither a polygon nor a capital for {code}")
    return {"type": "FeatureCollection", "features": features}


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def prepare(upstream: Path, out_dir: Path, states_from: Path | None = None) -> list[Path]:
    """Write the derived tables into ``out_dir``; return their paths."""
    missing = [name for name in UPSTREAM.values() if not (upstream / name).is_file()]
    if missing:
        raise SystemExit(f"Upstream folder {upstream} lacks: {', '.join(missing)}")
    states = sco_states(states_from or out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        "indicators.csv": csv_text(
            ["state", "year", "indicator", "value", "unit", "derived", "source"],
            indicator_rows(upstream, set(states) | {WORLD}),
        ),
        "indicator_sources.csv": csv_text(
            list(SOURCES[0]), [list(source.values()) for source in SOURCES]
        ),
        "countries.geojson": json.dumps(country_features(upstream, states), separators=(",", ":")) + "\n",
    }
    written = []
    for name, text in outputs.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", type=Path, default=Path("../shared/data-sources"),
                        help="folder with the upstream files (default: ../shared/data-sources)")
    parser.add_argument("--out", type=Path, default=Path("data"), help="output folder (default: data)")
    parser.add_argument("--states-from", type=Path, default=None,
                        help="folder whose membership.csv lists the states (default: the output folder)")
    args = parser.parse_args(argv)
    for path in prepare(args.upstream, args.out, args.states_from):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()

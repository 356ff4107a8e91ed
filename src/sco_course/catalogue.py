"""The "Data and sources" appendix, generated from ``datapackage.json``.

Because the page is built from the same file that the loader validates
against, its description of the tables cannot drift from the data.
"""

from __future__ import annotations

import json
from html import escape

from sco_course.data import data_dir, datapackage, load
from sco_course.tables import NOT_MATH


def _constraints(field: dict) -> str:
    constraints = field.get("constraints", {})
    parts = []
    if constraints.get("required"):
        parts.append("required")
    if constraints.get("unique"):
        parts.append("unique")
    if "enum" in constraints:
        parts.append("one of: " + ", ".join(map(str, constraints["enum"])))
    if "minimum" in constraints:
        parts.append(f"at least {constraints['minimum']}")
    if "maximum" in constraints:
        parts.append(f"at most {constraints['maximum']}")
    if "pattern" in constraints:
        parts.append(f"pattern {constraints['pattern']}")
    if field.get("x-code-list"):
        extra = field.get("x-extra-codes")
        parts.append("ISO 3166-1 alpha-3 code" + (f" or {', '.join(extra)}" if extra else ""))
    return "; ".join(parts)


def _property_rules(name: str, spec: dict, required: list[str]) -> str:
    parts = ["required"] if name in required else []
    if "enum" in spec:
        parts.append("one of: " + ", ".join(map(str, spec["enum"])))
    if spec.get("x-unique"):
        parts.append("unique")
    if spec.get("x-code-list"):
        separated = f"s separated by '{spec['x-separator']}'" if "x-separator" in spec else ""
        parts.append("ISO 3166-1 alpha-3 code" + separated)
    elif "pattern" in spec:
        parts.append(f"pattern {spec['pattern']}")
    return "; ".join(parts)


def _property_type(spec: dict) -> str:
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    return spec.get("type", "text" if "enum" in spec else "")


def _feature_fields(resource: dict) -> list[tuple[str, str, str, str]]:
    """(property, type, rules, description) of a GeoJSON resource's features, from its JSON Schema."""
    schema = json.loads((data_dir() / resource["x-json-schema"]).read_text(encoding="utf-8"))
    properties = schema["$defs"]["featureProperties"]
    required = properties.get("required", [])
    return [(name, _property_type(spec), _property_rules(name, spec, required), spec.get("description", ""))
            for name, spec in properties["properties"].items()]


def _fields_table(rows: list[tuple[str, str, str, str]], first: str,
                  caption: str) -> str:
    """The fields as a table in the book's table box (see :mod:`sco_course.tables`): the
    names stay as the data spells them, in code type, since a reader looks them up."""
    body = "".join(f"<tr><td><code>{escape(name)}</code></td><td>{escape(kind)}</td>"
                   f"<td>{escape(rules)}</td>"
                   f"<td>{escape(description)}</td></tr>" for name, kind, rules, description in rows)
    return (f'<div class="sco-table-scroll {NOT_MATH}" role="region" '
            f'aria-label="{escape(caption)}" '
            'tabindex="0">'
            f'<table class="sco-table"><caption>{escape(caption)}</caption>'
            f'<thead><tr><th scope="col">{escape(first)}</th><th scope="col">Type</th>'
            f'<th scope="col">Rules</th><th scope="col">Description</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _size(resource: dict) -> str:
    loaded = load(resource["name"])
    if isinstance(loaded, str):
        lines = [line for line in loaded.splitlines() if line.strip()]
        return f"{len(lines)} blocks, {len(loaded):,} characters"
    if isinstance(loaded, dict):
        return f"{len(loaded['features'])} features"
    return f"{len(loaded)} rows"


def _links(items: list[dict]) -> str:
    return "; ".join(
        f'<a href="{escape(item["path"])}">{escape(item["title"])}</a>' if item.get("path", "").startswith("http")
        else escape(item.get("title", item.get("name", "")))
        for item in items
    )


def resource_html(resource: dict) -> str:
    """One table's section: what it is, its licence and sources, its fields."""
    parts = [
        f'<section class="sco-data-table" id="data-{escape(resource["name"])}">',
        f'<h3><code>data/{escape(resource["path"])}</code>: {escape(resource["title"])}</h3>',
        f"<p>{escape(resource['description'])}</p>",
        f"<p><strong>Size:</strong> {escape(_size(resource))}. "
        f"<strong>Licence:</strong> {_links(resource.get('licenses', []))}.",
    ]
    if resource.get("sources"):
        parts.append(f" <strong>Sources:</strong> {_links(resource['sources'])}.")
    parts.append("</p>")
    schema = resource.get("schema")
    if schema:
        parts.append(f"<p><strong>Primary key:</strong> {escape(', '.join(schema.get('primaryKey', [])))}</p>")
        parts.append(_fields_table([(field["name"], field["type"], _constraints(field), field["description"])
                                    for field in schema["fields"]], "Field",
                                   f"The fields of data/{resource['path']}"))
    elif resource.get("x-json-schema"):
        schema_file = escape(resource["x-json-schema"])
        parts.append(f"<p><strong>Feature properties</strong> (schema: <code>data/{schema_file}</code>):</p>")
        parts.append(_fields_table(_feature_fields(resource), "Property",
                                   f"The feature properties of data/"
                                   f"{resource['path']}"))
    parts.append("</section>")
    return "\n".join(parts)


def catalogue_html() -> str:
    """Every table of the data package, in the package's order."""
    package = datapackage()
    return "\n".join(resource_html(resource) for resource in package["resources"])

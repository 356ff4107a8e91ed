"""The "Data and sources" appendix, generated from ``datapackage.json``.

Because the page is built from the same file that the loader validates
against, its description of the tables cannot drift from the data.
"""

from __future__ import annotations

from html import escape

from sco_course.data import datapackage, load


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
        parts.append('<table class="table"><thead><tr><th>Field</th><th>Type</th><th>Rules</th>'
                     "<th>Description</th></tr></thead><tbody>")
        for field in schema["fields"]:
            parts.append(
                f"<tr><td><code>{escape(field['name'])}</code></td><td>{escape(field['type'])}</td>"
                f"<td>{escape(_constraints(field))}</td><td>{escape(field['description'])}</td></tr>"
            )
        parts.append("</tbody></table>")
    elif resource.get("x-feature-properties"):
        parts.append("<p><strong>Feature properties:</strong> "
                     f"{escape(', '.join(resource.get('x-feature-properties', [])))}.</p>")
    parts.append("</section>")
    return "\n".join(parts)


def catalogue_html() -> str:
    """Every table of the data package, in the package's order."""
    package = datapackage()
    return "\n".join(resource_html(resource) for resource in package["resources"])

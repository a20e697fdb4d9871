"""The API's documentation page, rendered on the server from its OpenAPI description.

FastAPI's default ``/docs`` loads Swagger UI from a CDN; corridor serves offline and its
Content-Security-Policy forbids other origins, so the page is plain HTML made here (no
script), styled by a stylesheet served from the same origin.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

DOCS_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d2733; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccd; }
code, pre { background: #f3f5f8; padding: 0 .25rem; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; border-bottom: 1px solid #e3e6ea; padding: .25rem .5rem; vertical-align: top; }
.method { font-weight: bold; color: #0b5394; }
"""

_TEMPLATE = Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ info.title }} — API</title>
<link rel="stylesheet" href="/docs.css"></head><body>
<h1>{{ info.title }} <small>{{ info.version }}</small></h1>
<p>{{ info.description }}</p>
<p>The OpenAPI description: <a href="{{ openapi_url }}"><code>{{ openapi_url }}</code></a>.
Errors are the error document (<code>schema: corridor.error/1</code>) with a 4xx or 5xx status.
Writes need <code>Authorization: Bearer &lt;CORRIDOR_TOKEN&gt;</code>.</p>
{% for path, methods in paths %}{% for method, op in methods %}
<h2><span class="method">{{ method|upper }}</span> <code>{{ path }}</code></h2>
<p>{{ op.summary }}</p>
{% if op.parameters %}<table><tr><th>parameter</th><th>required</th><th>default</th><th>what</th></tr>
{% for p in op.parameters %}<tr><td><code>{{ p.name }}</code></td><td>{{ 'yes' if p.required else '' }}</td>
<td>{{ p.schema.get('default', '') if p.schema else '' }}{% if p.schema and p.schema.enum %} ({{ p.schema.enum|join(' | ') }}){% endif %}</td>
<td>{{ p.description }}</td></tr>{% endfor %}</table>{% endif %}
{% if op.requestBody %}<p>Body: {% for ctype, c in op.requestBody.content.items() %}<code>{{ ctype }}</code>
{% if c.schema.properties %}with {% for k in c.schema.properties %}<code>{{ k }}</code>{{ ', ' if not loop.last }}{% endfor %}{% endif %}
{% endfor %}</p>{% endif %}
{% if op.responses %}<table><tr><th>status</th><th>meaning</th></tr>{% for code, r in op.responses.items() %}
<tr><td>{{ code }}</td><td>{{ r.description }}</td></tr>{% endfor %}</table>{% endif %}
{% endfor %}{% endfor %}
</body></html>
""")


def render_docs(openapi: dict[str, Any], *, openapi_url: str) -> str:
    """The HTML page of an OpenAPI description."""
    paths = [(p, sorted(m.items())) for p, m in sorted(openapi.get("paths", {}).items())]
    return _TEMPLATE.render(info=openapi.get("info", {}), paths=paths, openapi_url=openapi_url)

"""Cypher on either engine, with the same rows: the embedded database (:mod:`kg.embedded`, the
default) or a Neo4j server (``uri=``).

>>> rows = query("MATCH (d:Dataset) RETURN d.name AS dataset ORDER BY dataset LIMIT 2")    # doctest: +SKIP
>>> rows                                                                               # doctest: +SKIP
[{'dataset': 'CIFAR-10'}, {'dataset': 'COCO'}]
>>> rows = query("MATCH ...", {"limit": 20}, uri="bolt://localhost:7687", auth=("neo4j", pw))   # doctest: +SKIP

Rows are plain Python values, the same whichever engine answered: strings, numbers, booleans,
None, lists, dicts; a node is a dict of its properties with its label under ``_label``, a
relationship a dict of its properties with its type under ``_type``, a path
``{"_nodes": [...], "_rels": [...]}``. A property the node does not have is left out of its dict.

Queries are read-only unless ``write=True``: the embedded database is then opened read-only
(LadybugDB refuses every write), and Neo4j runs the query in a read transaction (access mode READ,
which the server enforces). A query that does not parse, names a label or relationship type that
neither kg's schema nor the database knows, lacks a parameter, or writes without ``write=True``
raises :class:`kg.errors.QueryError` with a one-line message (with the line and column where the
engine gives them, or where the name stands in the query), and nothing is written. (Neo4j reports
unknown labels of read-only queries only: a writing query may create them.)

Writing Cypher for both engines
-------------------------------
LadybugDB (the embedded engine) speaks openCypher with a declared schema. What runs on both: MATCH,
OPTIONAL MATCH, WHERE, WITH, UNWIND, ORDER BY / SKIP / LIMIT, aggregation, ``EXISTS { MATCH ... }``,
``any(x IN list WHERE ...)`` / ``all(...)``, CASE, ``toLower``, ``size``, ``range``, ``coalesce``.
What does not: list comprehensions (``[x IN l | f(x)]``), map projection, ``CALL {}`` subqueries,
FOREACH, APOC, ``type(r)`` (LadybugDB: ``label(r)``). Lists index from 0 in Neo4j and from 1 in
LadybugDB; a negative index counts from the end in both (``l[-1]`` is the last item). ``end`` is a
reserved word in LadybugDB: write ```end``` for a column of that name. Name every returned column
(``AS name``): the engines name unnamed expressions differently.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from datetime import date, datetime, time as dtime, timedelta

from .errors import Neo4jError, QueryError
from .schema import NODE_LABELS, RELATION_TYPES

__all__ = ["FORMATS", "Rows", "format_rows", "parse_param", "parameters", "query"]

FORMATS = ("table", "json", "csv")


class Rows(list):
    """The rows of a query: a list of dicts (column -> value) in the query's order; ``columns``
    names the columns (also when there is no row).

    >>> rows = Rows([{"method": "ViG", "papers": 2}], columns=("method", "papers"))
    >>> rows[0]["papers"], rows.columns
    (2, ('method', 'papers'))
    """

    def __init__(self, rows=(), columns=()):
        super().__init__(rows)
        self.columns = tuple(columns)


def query(cypher: str, params: Mapping | None = None, *, db=None, uri: str | None = None,
          auth: tuple[str, str] | None = None, database: str | None = None, write: bool = False) -> Rows:
    """Run ``cypher`` with ``params`` and return its :class:`Rows`.

    On the embedded database at ``db`` (default ``exports/kg.lbug``), or, when ``uri`` is given, on
    the Neo4j server there (``auth`` = ``(user, password)``, ``database`` default ``neo4j``; see
    :func:`kg.neo4j.connection_settings` for the ``NEO4J_*`` variables). Read-only unless ``write``.
    Raises :class:`~kg.errors.QueryError` (the query) or :class:`~kg.errors.Neo4jError` (the server).
    """
    params = dict(params or {})
    if uri is not None:
        if db is not None:
            raise ValueError("give either db (the embedded database) or uri (a Neo4j server), not both")
        from .neo4j import DEFAULT_DATABASE

        return _run_neo4j(cypher, params, uri, auth, database or DEFAULT_DATABASE, write)
    from .embedded import DEFAULT_PATH, open_database

    with open_database(DEFAULT_PATH if db is None else db, write=write) as edb:
        return edb.query(cypher, params)


# --------------------------------------------------------------------------------------------
# parameters


def parse_param(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` -> ``(name, value)``: VALUE is read as JSON when it parses, else as text.

    >>> parse_param("limit=20"), parse_param("dataset=ImageNet"), parse_param("x=null")
    (('limit', 20), ('dataset', 'ImageNet'), ('x', None))
    >>> parse_param('names=["COCO", "ImageNet"]'), parse_param("flag=false")
    (('names', ['COCO', 'ImageNet']), ('flag', False))
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("$")
    if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
        raise QueryError(f"parameter {text[:60]!r}: expected NAME=VALUE (e.g. dataset=ImageNet or limit=20)")
    try:
        return name, json.loads(value)
    except ValueError:
        return name, value


_TOKENS = re.compile(r"""
    '(?:[^'\\]|\\.)*'        # a string in single quotes
  | "(?:[^"\\]|\\.)*"        # ... in double quotes
  | `[^`]*`                  # a quoted name
  | //[^\n]*                 # a comment to the end of the line
  | /\*.*?\*/                # a block comment
  | \$(?P<param>[A-Za-z_][A-Za-z0-9_]*)
""", re.S | re.X)


def parameters(cypher: str) -> list[str]:
    """The names of the ``$parameters`` of a query, in order of first use (not those in strings
    or comments).

    >>> parameters("MATCH (m:Method) WHERE m.name = $name AND '$no' <> $other // $not")
    ['name', 'other']
    """
    seen: dict[str, None] = {}
    for m in _TOKENS.finditer(cypher):
        if m.group("param"):
            seen.setdefault(m.group("param"), None)
    return list(seen)


def _check_params(cypher: str, params: Mapping, where: str) -> None:
    missing = [p for p in parameters(cypher) if p not in params]
    if missing:
        raise QueryError(f"{where}: the query needs parameter{'s' if len(missing) > 1 else ''} "
                         f"{', '.join('$' + p for p in missing)} (kg query --param NAME=VALUE); nothing was run")


# --------------------------------------------------------------------------------------------
# positions and messages


def _one_line(text, limit: int = 300) -> str:
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _position(cypher: str, offset: int) -> str:
    line = cypher.count("\n", 0, offset) + 1
    column = offset - (cypher.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _find(cypher: str, pattern: str) -> str:
    """' at line L, column C' of the first match of ``pattern`` outside strings and comments, or ''."""
    blanked = _TOKENS.sub(lambda m: m.group(0) if m.group("param") or m.group(0).startswith("`")
                          else " " * len(m.group(0)), cypher)
    m = re.search(pattern, blanked, re.I)
    return f" at {_position(cypher, m.start(1) if m.groups() else m.start())}" if m else ""


# --------------------------------------------------------------------------------------------
# values


def _plain_embedded(value):
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return {"_nodes": [_plain_embedded(n) for n in value["_NODES"]],
                    "_rels": [_plain_embedded(r) for r in value["_RELS"]]}
        if "_LABEL" in value and "_ID" in value:
            key = "_type" if "_SRC" in value else "_label"
            props = {k: _plain_embedded(v) for k, v in value.items() if not k.startswith("_") and v is not None}
            return {key: value["_LABEL"], **dict(sorted(props.items()))}
        return {k: _plain_embedded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_embedded(v) for v in value]
    return _plain_scalar(value)


def _plain_scalar(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime, date, dtime)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    iso = getattr(value, "iso_format", None)  # neo4j.time types
    return iso() if callable(iso) else str(value)


def _plain_neo4j(value):
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        props = {k: _plain_neo4j(v) for k, v in value.items() if v is not None}
        return {"_label": ":".join(sorted(value.labels)), **dict(sorted(props.items()))}
    if isinstance(value, Relationship):
        props = {k: _plain_neo4j(v) for k, v in value.items() if v is not None}
        return {"_type": value.type, **dict(sorted(props.items()))}
    if isinstance(value, Path):
        return {"_nodes": [_plain_neo4j(n) for n in value.nodes],
                "_rels": [_plain_neo4j(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: _plain_neo4j(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_neo4j(v) for v in value]
    return _plain_scalar(value)


# --------------------------------------------------------------------------------------------
# the embedded engine


def _run_embedded(edb, cypher: str, params: dict) -> Rows:
    where = str(edb.path)
    _check_params(cypher, params, where)
    used = set(parameters(cypher))
    try:
        result = edb.connection.execute(cypher, {k: v for k, v in params.items() if k in used})
        results = result if isinstance(result, list) else [result]
        last = results[-1]
        columns = last.get_column_names()
        rows = [dict(zip(columns, map(_plain_embedded, row))) for row in last.get_all()]
    except RuntimeError as e:
        raise QueryError(f"{where}: {_embedded_error(cypher, str(e), edb.write)}") from e
    return Rows(rows, columns)


def _embedded_error(cypher: str, message: str, write: bool) -> str:
    text = message.strip()
    first = text.splitlines()[0] if text else "unknown error"
    m = re.match(r"Parser exception: (.*?)\s*\(line: (\d+), offset: (\d+)\)", text, re.S)
    if m:
        return (f"Cypher syntax error at line {m.group(2)}, column {int(m.group(3)) + 1}: "
                f"{_one_line(m.group(1), 200)}; nothing was run")
    if "read-only database" in first:
        return "the query writes, and kg query is read-only: pass --write (write=True) to change the database; nothing was written"
    m = re.search(r"Table (\S+) does not exist", first)
    if m:
        name = m.group(1)
        at = _find(cypher, r"[:|]\s*`?(" + re.escape(name) + r")`?(?![A-Za-z0-9_])")
        return (f"unknown label or relationship type {name!r}{at} (kg's are {', '.join(NODE_LABELS)} and "
                f"{', '.join(RELATION_TYPES)}); nothing was run")
    m = re.search(r"Cannot find property (\S+) for (\S+?)\.?$", first)
    if m:
        prop, var = m.group(1), m.group(2)
        at = _find(cypher, r"\b" + re.escape(var) + r"\s*\.\s*`?(" + re.escape(prop) + r")\b")
        return f"unknown property {prop!r} of {var}{at} (the node or relationship table has no such column); nothing was run"
    m = re.search(r"Variable (\S+) is not in scope", first)
    if m:
        at = _find(cypher, r"\b(" + re.escape(m.group(1)) + r")\b")
        return f"variable {m.group(1)} is not defined{at}; nothing was run"
    m = re.search(r"function (\S+) does not exist", first)
    if m:
        name = m.group(1)
        at = _find(cypher, r"\b(" + re.escape(name) + r")\s*\(")
        hint = " (LadybugDB writes label(r) for Neo4j's type(r))" if name.upper() == "TYPE" else ""
        return f"unknown function {name.lower()}(){at}{hint}; nothing was run"
    return f"{_one_line(text, 300)}; {'nothing was written' if write else 'nothing was run'}"


# --------------------------------------------------------------------------------------------
# Neo4j

#: GQL status codes of Neo4j's "does not exist" warnings: label, relationship type.
_UNKNOWN_STATUS = {"01N50": "label", "01N51": "relationship type"}


class _Unknown(Exception):
    def __init__(self, kind: str, name: str, position):
        super().__init__(kind, name)
        self.kind, self.name, self.position = kind, name, position


def _unknown_name(summary) -> _Unknown | None:
    """The first label or relationship type the server does not know and kg's schema does not declare."""
    for status in summary.gql_status_objects:
        kind = _UNKNOWN_STATUS.get(status.gql_status)
        if not kind:
            continue
        m = re.search(r"`((?:[^`]|``)+)`", status.status_description or "")
        name = m.group(1).replace("``", "`") if m else "?"
        if name in NODE_LABELS or name in RELATION_TYPES:
            continue  # kg's own, not pushed yet: no rows, as on the embedded database
        return _Unknown(kind, name, status.position)
    return None


def _run_neo4j(cypher: str, params: dict, uri: str, auth, database: str, write: bool) -> Rows:
    import neo4j
    from neo4j import exceptions as ne

    from .neo4j import SCHEMES, _reason, _safe_uri

    shown = _safe_uri(uri)
    password = auth[1] if auth and len(auth) > 1 else None

    def scrub(text: str) -> str:
        return text.replace(password, "***") if password and len(password) >= 3 else text

    where = f"Neo4j at {shown} database {database}"
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise Neo4jError(scrub(f"unsupported Neo4j URI {shown!r}: use one of {', '.join(s + '://' for s in SCHEMES)}"))
    _check_params(cypher, params, where)

    def work(tx):
        result = tx.run(cypher, params)
        keys = result.keys()
        records = [[_plain_neo4j(v) for v in record.values()] for record in result]
        unknown = _unknown_name(result.consume())
        if unknown:
            raise unknown  # rolls the transaction back: nothing is written
        return keys, records

    try:
        driver = neo4j.GraphDatabase.driver(
            uri, auth=tuple(auth) if auth else None, connection_timeout=15.0, max_transaction_retry_time=15.0,
            user_agent="kg", warn_notification_severity=neo4j.NotificationMinimumSeverity.OFF)
    except (ne.ConfigurationError, ValueError) as e:
        raise Neo4jError(scrub(f"invalid Neo4j URI {shown!r}: {_one_line(e, 200)}")) from e
    state = "nothing was written" if write else "nothing was run"
    try:
        with driver, driver.session(database=database) as session:
            keys, records = (session.execute_write if write else session.execute_read)(work)
    except _Unknown as u:
        at = f" at line {u.position.line}, column {u.position.column}" if u.position else ""
        raise QueryError(f"{where}: unknown {u.kind} {u.name!r}{at} (kg's are {', '.join(NODE_LABELS)} and "
                         f"{', '.join(RELATION_TYPES)}); {state}") from None
    except ne.AuthError as e:
        user = auth[0] if auth else "(none)"
        raise Neo4jError(scrub(f"Neo4j at {shown} refused the credentials of user {user!r} (check NEO4J_USER and "
                               f"NEO4J_PASSWORD); {state}")) from e
    except (ne.ServiceUnavailable, ne.SessionExpired, OSError) as e:
        raise Neo4jError(scrub(f"cannot reach Neo4j at {shown} ({_reason(e)}); {state} "
                               f"(is the server running, and the URI right?)")) from e
    except ne.Neo4jError as e:
        code = e.code or ""
        if code.endswith("DatabaseNotFound"):
            raise Neo4jError(scrub(f"database {database!r} does not exist on {shown}; {state}")) from e
        raise QueryError(scrub(f"{where}: {_neo4j_error(code, e.message or str(e), write)}")) from e
    except ne.DriverError as e:
        raise Neo4jError(scrub(f"query on {where} failed: {_one_line(e, 200)}; {state}")) from e
    return Rows([dict(zip(keys, r)) for r in records], keys)


def _neo4j_error(code: str, message: str, write: bool) -> str:
    first = (message or "").strip().splitlines()[0] if message and message.strip() else code
    if code.endswith("AccessMode"):
        return "the query writes, and kg query is read-only: pass --write (write=True) to change the database; nothing was written"
    if code.endswith("ParameterMissing"):
        return f"the query needs parameters: {_one_line(first, 200)}; nothing was run"
    m = re.search(r"\s*\(line (\d+), column (\d+) \(offset: \d+\)\)\s*$", first)
    if code.endswith("SyntaxError"):
        where = f" at line {m.group(1)}, column {m.group(2)}" if m else ""
        return f"Cypher syntax error{where}: {_one_line(first[:m.start()] if m else first, 300)}; nothing was run"
    state = "nothing was written" if write else "nothing was run"
    return f"{code.rsplit('.', 1)[-1] or 'error'}: {_one_line(first, 300)}; {state}"


# --------------------------------------------------------------------------------------------
# output


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def format_rows(rows: Rows, fmt: str = "table", *, width: int = 60) -> str:
    """``rows`` as text: ``table`` (aligned columns, cells cut at ``width`` characters, then a row
    count), ``json`` (an array of objects, one row a line) or ``csv`` (a header, then the rows;
    lists and objects as JSON).

    >>> rows = Rows([{"method": "ViG", "papers": 2}, {"method": "ResNet-50", "papers": None}], ("method", "papers"))
    >>> print(format_rows(rows))
    method     papers
    ---------  ------
    ViG        2
    ResNet-50
    (2 rows)
    >>> print(format_rows(rows, "json"))
    [
    {"method": "ViG", "papers": 2},
    {"method": "ResNet-50", "papers": null}
    ]
    """
    columns = list(rows.columns) if getattr(rows, "columns", None) else (list(rows[0]) if rows else [])
    if fmt == "json":
        if not rows:
            return "[]\n"
        return "[\n" + ",\n".join(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) for r in rows) + "\n]\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in columns])
        return out.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")

    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cut(_cell(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"

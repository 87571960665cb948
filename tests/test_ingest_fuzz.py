"""Fuzzing ingestion with hypothesis: random bytes, random JSON values, random CSV quoting.

kg never crashes, and every input record ends up either as a paper or as a line of the skip
report (exactly once); what it reads as a paper can always be exported.
"""
from __future__ import annotations

import bisect
import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import IngestReport, read_papers
from kg.readwrite._values import bad_text

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that stresses the readers: control characters, surrogates (in JSON), quotes, separators
TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40) | st.sampled_from(
    ["", " ", "\n", "\r\n", "\r", '"', '""', ",", ";", "\x00", "\x1f", "\ud800", "\ufeff", "\u2028", "a" * 250])
JSON_SCALAR = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT
JSON = st.recursive(JSON_SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                    max_leaves=8)
FIELDS = ("id", "title", "abstract", "authors", "date", "url", "arxiv_id", "upvotes")
RECORD = st.fixed_dictionaries({}, optional={k: JSON for k in FIELDS}) | JSON


def read(path: Path):
    report = IngestReport()
    papers = list(read_papers(path, report=report))
    for p in papers:  # a paper's text is always exportable
        for value in (p.id, p.title, p.abstract, *p.urls, *p.authors):
            assert bad_text(value) is None, value
    return papers, report


def accounted_lines(papers, report) -> list[int]:
    lines = [p.sources[0].line for p in papers] + [s.line for s in report.skipped if s.line is not None]
    return sorted(lines)


@SETTINGS
@given(st.lists(RECORD, min_size=1, max_size=12), st.booleans())
def test_random_json_values(records, ascii_only):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d, "fuzz.jsonl")
        lines = [json.dumps(r, ensure_ascii=ascii_only) if not isinstance(r, str) or r.strip() else json.dumps(r)
                 for r in records]
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")
        papers, report = read(path)
    # one record a line: each is a paper or a skipped line, exactly once
    assert accounted_lines(papers, report) == list(range(1, len(lines) + 1))


@SETTINGS
@given(st.binary(max_size=600), st.sampled_from([".jsonl", ".csv", ".txt"]))
def test_random_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d, "fuzz" + suffix)
        path.write_bytes(data)
        papers, report = read(path)
    raw_lines = data.split(b"\n")
    n_lines = len(raw_lines) - (1 if data.endswith(b"\n") else 0)
    seen = accounted_lines(papers, report)
    assert len(seen) == len(set(seen)) and all(1 <= n <= max(n_lines, 1) for n in seen)
    if suffix == ".jsonl" and b"\x00" not in data[:8192]:
        # every line holding a visible character is a record: a paper or a skipped line
        visible = [i for i, raw in enumerate(raw_lines[:n_lines], 1) if any(33 <= b <= 126 for b in raw)]
        assert set(visible) <= set(seen) or report.skipped and report.skipped[0].line is None


ROW = st.fixed_dictionaries({"title": TEXT, "abstract": TEXT, "url": TEXT})


@SETTINGS
@given(st.lists(ROW, min_size=1, max_size=10),
       st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
       st.sampled_from(["\r\n", "\n"]))
def test_random_csv_quoting(rows, quoting, terminator):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=quoting, lineterminator=terminator)
    w.writerow(["id", "title", "abstract", "url"])
    starts, line = [], 2
    for i, row in enumerate(rows):
        starts.append(line)
        before = buf.tell()
        w.writerow([f"r{i}", row["title"], row["abstract"], row["url"]])
        line += buf.getvalue()[before:].count("\n")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d, "fuzz.csv")
        path.write_bytes(buf.getvalue().encode("utf-8", "surrogatepass"))
        papers, report = read(path)
    seen = accounted_lines(papers, report)
    assert len(seen) == len(set(seen))
    if not any("\x00" in v or "\r" in v for row in rows for v in row.values()):
        # (a NUL or a CR inside a field changes how many physical lines a row takes)
        # each row is a paper (at its first line) or skipped (at a line of its own), exactly once
        rows_seen = sorted(bisect.bisect_right(starts, n) - 1 for n in seen)
        assert rows_seen == list(range(len(rows))), (seen, starts, [str(s) for s in report.skipped])
    for p in papers:
        assert p.id.startswith("r") and p.sources[0].line in starts

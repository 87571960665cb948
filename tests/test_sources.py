"""kg fetch: Hugging Face Daily Papers and arXiv OAI-PMH, read by the real client libraries
(huggingface_hub, oaipmh-scythe) from a local HTTP server that answers with recorded responses
(tests/fixtures/sources, written in the services' documented formats); retries counted, never slept."""
from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from kg.cli import main
from kg.errors import FetchError
from kg.sources import SOURCES, Backoff, fetch
from kg.sources import daily as daily_source

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"


class Service:
    """A local HTTP server: ``answer(path, params)`` gives (status, headers, body) per request;
    every request is logged as (path, params)."""

    def __init__(self, answer):
        self.answer, self.requests = answer, []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server name)
                url = urlparse(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                service.requests.append((url.path, params))
                status, headers, body = service.answer(url.path, params)
                data = body.encode("utf-8") if isinstance(body, str) else body
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service():
    made = []

    def start(answer):
        made.append(Service(answer))
        return made[-1]

    yield start
    for s in made:
        s.close()


def _json(name: str):
    return 200, {"Content-Type": "application/json"}, (FIXTURES / name).read_text()


def _xml(name: str):
    return 200, {"Content-Type": "text/xml; charset=utf-8"}, (FIXTURES / name).read_text()


def hub(path: str, params: dict):
    """The Hub's answers: the daily listings of 2024-06-03 (three papers) and 2024-06-04 (one), cut
    in pages of ``limit`` (default 50) as the Hub does, and one paper's page."""
    if path == "/api/daily_papers":
        name = FIXTURES / f"daily_{params.get('date')}.json"
        listing = json.loads(name.read_text()) if name.exists() else []
        p, limit = int(params.get("p", 0)), int(params.get("limit", 50))
        return 200, {"Content-Type": "application/json"}, json.dumps(listing[p * limit:(p + 1) * limit])
    if path.startswith("/api/papers/"):
        name = f"paper_{path.rsplit('/', 1)[1]}.json"
        if (FIXTURES / name).exists():
            return _json(name)
        return 404, {"Content-Type": "application/json"}, '{"error": "Paper not found"}'
    return 404, {}, "not found"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


# --------------------------------------------------------------------------- daily


def test_daily_pages_through_a_day_and_fills_the_fields(service, tmp_path):
    hf = service(hub)
    out = tmp_path / "papers.jsonl"
    report = fetch("daily", out, on="2024-06-03", endpoint=hf.url, page_size=2, backoff=Backoff(sleep=pytest.fail))
    recs = read_jsonl(out)
    assert [r["id"] for r in recs] == ["2406.90001", "2406.90002", "2406.90003"] and report.papers == 3
    # what huggingface_hub sent: the day, the page, the page size, and no token
    assert [(p, q["date"], q["p"], q["limit"]) for p, q in hf.requests] == [
        ("/api/daily_papers", "2024-06-03", "0", "2"), ("/api/daily_papers", "2024-06-03", "1", "2")]
    first = recs[0]
    assert first["title"] == "ZorbNet: Gated Token Mixing for Image Classification"
    assert first["abstract"].startswith("We propose ZorbNet") and "\n" not in first["abstract"]
    assert first["authors"] == ["Ada Quill", "Bo Lindqvist"]
    assert (first["date"], first["upvotes"], first["arxiv_id"]) == ("2024-06-02", 42, "2406.90001")
    assert first["url"] == "https://arxiv.org/abs/2406.90001"
    assert report.fields["abstract"] == 3 and report.fields["upvotes"] == 3


def test_daily_details_add_repository_and_project_page(service, tmp_path):
    hf = service(hub)
    out = tmp_path / "papers.jsonl"
    fetch("daily", out, on="2024-06-03", endpoint=hf.url, page_size=2, details=True, backoff=Backoff(sleep=pytest.fail))
    by_id = {r["id"]: r for r in read_jsonl(out)}
    assert by_id["2406.90002"]["urls"] == ["https://github.com/wirth/quokka", "https://wirth.example.org/quokka"]
    assert ("/api/papers/2406.90002", {}) in hf.requests
    # a paper the Hub has no page for keeps what the listing said
    assert by_id["2406.90001"]["title"].startswith("ZorbNet") and by_id["2406.90001"]["upvotes"] == 42


def test_daily_range_reads_every_day_and_builds(service, tmp_path):
    hf = service(hub)
    out = tmp_path / "papers.jsonl"
    assert main(["fetch", "daily", "--since", "2024-06-03", "--until", "2024-06-05", "--endpoint", hf.url,
                 "--details", "-o", str(out), "-q"]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["2406.90001", "2406.90002", "2406.90003", "2406.90004"]
    assert sorted({q["date"] for p, q in hf.requests if p == "/api/daily_papers"}) == ["2024-06-03", "2024-06-04", "2024-06-05"]
    # what was fetched is what kg build reads: paper fields, repositories from the record and the abstract
    from kg import load_graph

    assert main(["build", str(out), "-o", str(tmp_path / "g"), "-q", "-j", "1", "--rules-only"]) == 0
    G = load_graph(tmp_path / "g")
    quokka = G.nodes["paper:2406.90002"]
    assert (quokka["upvotes"], quokka["arxiv_id"], quokka["date"]) == (7, "2406.90002", "2024-06-02")
    assert G.has_edge("paper:2406.90002", "repo:github.com/wirth/quokka", "HAS_CODE")
    assert G.has_edge("paper:2406.90003", "repo:github.com/okafor/speechmoe", "HAS_CODE")
    assert "method:zorbnet" in G


def test_daily_rate_limit_is_waited_out_as_the_server_says(service, tmp_path):
    calls = []

    def limited(path, params):
        calls.append(path)
        if len(calls) <= 2:
            return 429, {"Retry-After": "7", "Content-Type": "application/json"}, '{"error": "rate limited"}'
        return hub(path, params)

    hf = service(limited)
    waits = []
    report = fetch("daily", tmp_path / "p.jsonl", on="2024-06-04", endpoint=hf.url, backoff=Backoff(sleep=waits.append))
    assert waits == [7.0, 7.0] and report.retries == 2 and report.papers == 1


def test_daily_unavailable_keeps_what_was_fetched(service, tmp_path, capsys):
    def second_day_down(path, params):
        if params.get("date") == "2024-06-04":
            return 503, {"Content-Type": "text/plain"}, "Service Unavailable"
        return hub(path, params)

    hf = service(second_day_down)
    out = tmp_path / "p.jsonl"
    waits = []
    with pytest.raises(FetchError) as e:
        fetch("daily", out, since="2024-06-03", until="2024-06-04", endpoint=hf.url, page_size=2,
              backoff=Backoff(retries=3, first=1.5, sleep=waits.append))
    assert waits == [1.5, 3.0, 6.0]  # no Retry-After: exponential back-off
    msg = str(e.value)
    assert msg.startswith("daily: ") and "\n" not in msg
    assert "HTTP 503" in msg and "after 3 retries" in msg and f"kept the 3 papers fetched before in {out}" in msg
    assert len(read_jsonl(out)) == 3


def test_daily_unreachable_is_one_line_from_the_cli(tmp_path, capsys):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "p.jsonl"
    daily_backoff = Backoff(retries=2, sleep=lambda s: None)
    with pytest.raises(FetchError) as e:
        fetch("daily", out, on="2024-06-03", endpoint=f"http://127.0.0.1:{port}", backoff=daily_backoff)
    assert str(e.value).startswith(f"daily: cannot reach http://127.0.0.1:{port} after 2 retries: ")
    assert "nothing fetched" in str(e.value) and daily_backoff.made == 2


def test_cli_error_is_one_line_and_exit_code(service, tmp_path, capsys):
    hf = service(lambda path, params: (404, {"Content-Type": "application/json"}, '{"error": "no"}'))
    code = main(["fetch", "daily", "--date", "2024-06-03", "--endpoint", hf.url, "-o", str(tmp_path / "p.jsonl")])
    err = capsys.readouterr().err.strip()
    assert code == FetchError.exit_code == 8
    assert err.count("\n") == 0 and err.startswith("kg: error: daily: ") and "HTTP 404" in err


def test_daily_options_are_checked():
    with pytest.raises(SystemExit):
        main(["fetch", "daily", "--date", "June 3", "-o", "x.jsonl"])
    assert daily_source.days(on="2024-06-03") == ["2024-06-03"] and daily_source.days() == [None]


# --------------------------------------------------------------------------- arxiv


def oai(pages: dict):
    """An OAI-PMH endpoint at /oai: the first ListRecords page, then the page of each resumption token."""

    def answer(path, params):
        assert path == "/oai"
        key = params.get("resumptionToken", "first")
        return pages[key]() if callable(pages[key]) else pages[key]

    return answer


def test_arxiv_harvests_every_page_with_a_pause(service, tmp_path):
    server = service(oai({"first": _xml("arxiv_page1.xml"), "7171717|1001": _xml("arxiv_page2.xml")}))
    slept = []
    out = tmp_path / "arxiv.jsonl"
    report = fetch("arxiv", out, from_="2024-06-03", until="2024-06-04", set_="cs", endpoint=server.url + "/oai",
                   delay=3.0, backoff=Backoff(sleep=pytest.fail), sleep=slept.append)
    recs = read_jsonl(out)
    assert [r["id"] for r in recs] == ["2406.90001", "2406.90002", "2406.90004"]  # the deleted record is passed over
    assert slept == [3.0] and report.papers == 3
    first_query = server.requests[0][1]
    assert first_query == {"verb": "ListRecords", "metadataPrefix": "arXiv", "from": "2024-06-03",
                           "until": "2024-06-04", "set": "cs"}
    assert server.requests[1][1] == {"verb": "ListRecords", "resumptionToken": "7171717|1001"}
    zorb, quokka = recs[0], recs[1]
    assert zorb["title"] == "ZorbNet: Gated Token Mixing for Image Classification"
    assert zorb["authors"] == ["Ada Quill", "Bo Lindqvist"] and quokka["authors"] == ["Chen Wirth Jr"]
    assert (zorb["date"], zorb["arxiv_id"], zorb["url"]) == ("2024-06-02", "2406.90001", "https://arxiv.org/abs/2406.90001")
    assert zorb["urls"] == ["https://github.com/quill-lab/zorbnet"]  # from the authors' comments
    assert zorb["abstract"].endswith("outperforms ResNet-50.") and "\n" not in zorb["abstract"]


def test_arxiv_no_records_is_an_empty_file(service, tmp_path):
    server = service(oai({"first": _xml("arxiv_norecords.xml")}))
    out = tmp_path / "arxiv.jsonl"
    assert fetch("arxiv", out, from_="2024-06-08", endpoint=server.url + "/oai", backoff=Backoff(sleep=pytest.fail)).papers == 0
    assert out.read_text() == ""


def test_arxiv_flow_control_503_retry_after(service, tmp_path):
    answers = iter([(503, {"Retry-After": "5", "Content-Type": "text/html"}, "<html>busy</html>"), _xml("arxiv_page2.xml")])
    server = service(oai({"first": lambda: next(answers)}))
    waits = []
    report = fetch("arxiv", tmp_path / "a.jsonl", from_="2024-06-03", endpoint=server.url + "/oai",
                   backoff=Backoff(sleep=waits.append), sleep=pytest.fail)
    assert waits == [5.0] and report.papers == 1 and len(server.requests) == 2


def test_arxiv_failure_on_a_later_page_keeps_the_first(service, tmp_path, capsys):
    down = (503, {"Retry-After": "0"}, "")
    server = service(oai({"first": _xml("arxiv_page1.xml"), "7171717|1001": down}))
    out = tmp_path / "a.jsonl"
    code = main(["fetch", "arxiv", "--from", "2024-06-03", "--endpoint", server.url + "/oai", "--delay", "0",
                 "-o", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == FetchError.exit_code and "\n" not in err
    assert err.startswith("kg: error: arxiv: ") and "HTTP 503" in err and "after 5 retries" in err
    assert f"kept the 2 papers fetched before in {out}" in err
    assert [r["id"] for r in read_jsonl(out)] == ["2406.90001", "2406.90002"]


def test_registry_drives_the_cli():
    from kg.cli import make_parser

    for name, source in SOURCES.items():
        with pytest.raises(SystemExit) as e:
            make_parser().parse_args(["fetch", name, "--help"])
        assert e.value.code == 0 and source.summary


def test_answers_that_cannot_be_read_are_one_line(service, tmp_path):
    bad_set = ('<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
               '<error code="badArgument">Unknown set: nonsense</error></OAI-PMH>')
    server = service(oai({"first": (200, {"Content-Type": "text/xml"}, bad_set)}))
    with pytest.raises(FetchError) as e:
        fetch("arxiv", tmp_path / "a.jsonl", from_="2024-06-03", set_="nonsense", endpoint=server.url + "/oai",
              backoff=Backoff(sleep=pytest.fail))
    assert str(e.value).startswith(f"arxiv: {server.url}/oai refused the request (BadArgument: Unknown set: nonsense)")
    html = service(lambda path, params: (200, {"Content-Type": "application/json"}, "<html>maintenance</html>"))
    with pytest.raises(FetchError) as e:
        fetch("daily", tmp_path / "d.jsonl", on="2024-06-03", endpoint=html.url, backoff=Backoff(sleep=pytest.fail))
    assert str(e.value).startswith(f"daily: {html.url} sent an answer that cannot be read (")
    assert "\n" not in str(e.value)

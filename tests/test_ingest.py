"""Tests of kg.ingest: HF dumps, JSONL, CSV, bad input, strict mode, dedupe."""
from __future__ import annotations

import hashlib
import json
import tracemalloc
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import IngestReport, dedupe, extract_urls, paper_id_for_title, read_papers
from kg.model import Paper, Source

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "hf-daily-papers"
SEED = SHARED / "eval" / "seed_results_dev.jsonl"

ABSTRACT = (
    "We introduce a made-up method for an invented task and describe it at some length, so that "
    "this paragraph is clearly an abstract and not a title: it has several clauses, a number such "
    "as 42.0%, and it goes on for well over two hundred characters in total."
)


def read(inputs, **kwargs) -> tuple[list[Paper], IngestReport]:
    report = IngestReport()
    return list(read_papers(inputs, report=report, **kwargs)), report


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    f = tmp_path / name
    f.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return f


def rec(**fields) -> str:
    return json.dumps({"title": "T", "abstract": "An abstract.", **fields})


def by_line(papers: list[Paper], name: str, line: int) -> Paper:
    (hit,) = [p for p in papers if Path(p.sources[0].path).name == name and p.sources[0].line == line]
    return hit


# --------------------------------------------------------------------------- the shared corpus


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Paper], IngestReport]:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (../shared beside the repository)")
    return read(CORPUS)


@pytest.mark.shared
def test_corpus_counts(corpus):
    papers, report = corpus
    assert len(papers) == 532 and report.read == 532
    assert report.skipped == []
    assert len(report.files) == 5
    assert all(len(p.sources) == 1 and p.sources[0].format == "hf" for p in papers)
    assert all(p.title and len(p.abstract) > 200 for p in papers)
    unique = dedupe(papers)
    assert len(unique) == 503
    assert sum(len(p.sources) for p in unique) == 532  # every source kept


@pytest.mark.shared
def test_corpus_spot_checks(corpus):
    papers, _ = corpus
    udc = by_line(papers, "001_dc7a3a9ccd66748c.txt", 13)  # trailer "• 5 authors", "·", "Jun 29, 2024"
    assert udc.title.startswith("UDC:")
    assert (udc.n_authors, udc.date, udc.upvotes) == (5, "2024-06-29", None)
    assert udc.urls and udc.urls[0].startswith("https://github.com/CIAM-Group/") and not udc.urls[0].endswith(".")
    no_year = by_line(papers, "001_dc7a3a9ccd66748c.txt", 21)  # "Jan 1"
    assert (no_year.n_authors, no_year.date) == (6, "--01-01")
    upvoted = by_line(papers, "001_dc7a3a9ccd66748c.txt", 93)  # "May 19 2"
    assert (upvoted.date, upvoted.upvotes) == ("--05-19", 2)
    dated_upvoted = by_line(papers, "001_dc7a3a9ccd66748c.txt", 309)  # "Jul 17, 2023 1"
    assert (dated_upvoted.date, dated_upvoted.upvotes) == ("2023-07-17", 1)
    no_trailer = by_line(papers, "001_dc7a3a9ccd66748c.txt", 549)  # followed by the next title directly
    assert (no_trailer.n_authors, no_trailer.date, no_trailer.upvotes) == (None, None, None)
    glued = by_line(papers, "002_8c11904cdc096e95.txt", 3)  # "Subscribe" glued to the title
    assert glued.title.startswith("RevBiFPN:")
    assert by_line(papers, "003_41274441ca6ed97e.txt", 3).title.startswith("LWGANet:")
    first = by_line(papers, "000_5741d3b213c7d697.txt", 11)  # after chrome and the page date "Mar 11"
    assert first.date is None and not first.title.startswith(("Mar", "new", "Subscribe"))
    e2gc = by_line(papers, "000_5741d3b213c7d697.txt", 15)
    assert e2gc.urls == ("https://github.com/iithcandle/E2GC-release",)
    assert not any(p.title.startswith(("Subscribe", "Get trending")) for p in papers)
    assert all(not u.endswith((".", ")", ",", "}")) for p in papers for u in p.urls)


@pytest.mark.shared
def test_corpus_ids_match_seed_gold(corpus):
    if not SEED.is_file():
        pytest.skip(f"seed gold file not found at {SEED}")
    papers, _ = corpus
    ours = {p.id: p for p in papers}
    gold = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(gold) == 91
    for g in gold:
        p = ours["hf-" + g["id"].removeprefix("seed-")]
        assert (p.title, p.abstract) == (g["title"], g["abstract"])


# --------------------------------------------------------------------------- HF dump fixtures


def test_hf_spaced_layout_with_trailers():
    papers, report = read(FIXTURES / "hf_spaced.txt")
    assert report.skipped == [] and report.read == 4
    assert [p.sources[0] for p in papers] == [
        Source(str(FIXTURES / "hf_spaced.txt"), line, "hf") for line in (13, 21, 29, 37)
    ]
    glimmer, tides, sheep, quiet = papers
    assert glimmer.title == "GlimmerNet: Lantern Attention for Tiny Image Classifiers"
    assert (glimmer.n_authors, glimmer.date, glimmer.upvotes) == (4, "2024-06-29", None)
    assert glimmer.urls == ("https://github.com/example-lab/glimmernet",)
    assert "baseline.The code" in glimmer.abstract  # glued sentences are left as they are
    assert (tides.n_authors, tides.date) == (1, "--01-01")
    assert tides.urls == ("https://tides.example.org/",)  # ")." stripped
    assert (sheep.n_authors, sheep.date, sheep.upvotes) == (7, "--05-19", 2)
    assert (quiet.date, quiet.upvotes) == ("2023-07-17", 1)
    assert glimmer.id == paper_id_for_title(glimmer.title)
    assert glimmer.authors == () and glimmer.arxiv_id is None


def test_hf_dense_layout_glued_chrome_and_schemeless_url():
    papers, report = read(FIXTURES / "hf_dense.txt")
    assert report.skipped == []
    assert [p.title for p in papers] == [
        "OrbitFormer: Rotating Tokens for Video Prediction",
        "Counting Sheep with Diffusion Priors",
        "Paper Lanterns: Cheap Uncertainty for Segmentation",
    ]
    assert [p.sources[0].line for p in papers] == [3, 5, 7]
    assert all(p.date is None and p.n_authors is None for p in papers)
    assert papers[2].urls == ("https://github.com/example-lab/lanterns",)


def test_hf_last_line_without_newline():
    (paper,), report = read(FIXTURES / "hf_no_final_newline.txt")
    assert report.skipped == [] and paper.title == "Last Paper Without Newline"
    assert paper.abstract.endswith("in particular.")


def test_hf_title_detection_does_not_need_blank_lines(tmp_path):
    text = "\n".join(
        ["Stray Heading", "", "Alpha: One Invented Title", ABSTRACT, "  • 3 authors", "·", "Feb 29",
         "Beta: Two", "", "", ABSTRACT + " More.", "Oct 2, 2021 12"]
    )
    f = tmp_path / "mixed.txt"
    f.write_text(text, encoding="utf-8")
    papers, report = read(f)
    assert [(p.sources[0].line, p.n_authors, p.date, p.upvotes) for p in papers] == [
        (3, 3, "--02-29", None), (8, None, "2021-10-02", 12)]
    # a short line not followed by an abstract is reported, not taken for a title
    assert [(s.line, s.reason.startswith("title without abstract")) for s in report.skipped] == [(1, True)]


def test_hf_stray_long_line_is_reported_not_glued(tmp_path):
    f = tmp_path / "dense.txt"
    f.write_text("\n".join(["Alpha", ABSTRACT, "A second long paragraph. " + ABSTRACT, "Beta", ABSTRACT]) + "\n")
    papers, report = read(f)
    assert [(p.title, p.abstract) for p in papers] == [("Alpha", ABSTRACT), ("Beta", ABSTRACT)]
    assert [(s.line, s.reason.startswith("abstract without a title line")) for s in report.skipped] == [(3, True)]


def test_bom_and_crlf(tmp_path):
    f = write(tmp_path, "win.csv", "\ufeffid,Title,ABSTRACT\r\n1,T,An abstract.\r\n")
    (paper,), report = read(f)
    assert report.skipped == [] and (paper.id, paper.title, paper.abstract) == ("1", "T", "An abstract.")
    g = write(tmp_path, "win.txt", "\ufeffSubscribe\r\nAlpha\r\n" + ABSTRACT + "\r\n")
    (paper,), report = read(g)
    assert report.skipped == [] and (paper.title, paper.abstract) == ("Alpha", ABSTRACT)


def test_hf_file_without_listings(tmp_path):
    f = tmp_path / "chrome.txt"
    f.write_text("new\n\nSubscribe\n\nMar 11\n", encoding="utf-8")
    papers, report = read(f)
    assert papers == [] and "no paper listings" in report.skipped[0].reason


# --------------------------------------------------------------------------- JSONL and CSV


def test_jsonl_fields():
    papers, report = read(FIXTURES / "papers.jsonl")
    assert report.skipped == []
    moss, fern, untitled, reed = papers
    assert [p.sources[0].line for p in papers] == [1, 2, 4, 5]  # blank line 3 passed over
    assert all(p.sources[0].format == "jsonl" for p in papers)
    assert (moss.id, moss.authors, moss.n_authors, moss.date) == ("j1", ("Ada Quill", "Ben Ink"), 2, "2023-04-05")
    assert moss.arxiv_id == "2304.01234"  # from the arXiv url, version dropped
    assert fern.id == paper_id_for_title("Fern: Unrolling Leaves")  # no id: derived from the title
    assert fern.authors == ("Cy Leaf", "Di Stem") and fern.arxiv_id == "2305.04321"
    assert fern.urls == ("https://github.com/example-lab/fern",)
    assert untitled.title == "" and untitled.text == untitled.abstract
    assert (reed.id, reed.arxiv_id, reed.date) == ("7", "2306.00077", "2024-06-29")


def test_csv_fields():
    papers, report = read(FIXTURES / "papers.csv")
    assert report.skipped == []
    moss, clover, thistle = papers
    assert [p.sources[0] for p in papers] == [Source(str(FIXTURES / "papers.csv"), n, "csv") for n in (2, 3, 5)]
    assert (moss.id, moss.authors, moss.date, moss.arxiv_id) == ("c1", ("Eve Fog", "Fay Dew"), "2024-01-02", "2304.01234")
    assert clover.id == paper_id_for_title(clover.title)
    assert clover.abstract.count("\n") == 1  # a quoted field over two lines
    assert (thistle.date, thistle.arxiv_id, thistle.urls) == ("--03-14", "2401.99999", ("https://thistle.example.org",))


def test_directory_and_several_inputs(tmp_path):
    sub = tmp_path / "b_sub"
    sub.mkdir()
    (sub / "x.jsonl").write_text(json.dumps({"id": "x", "title": "X", "abstract": "About X."}) + "\n")
    (tmp_path / "a.csv").write_text("title,abstract\nA,About A.\n")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.jsonl").write_text("not json\n")
    papers, report = read(tmp_path)
    assert [p.title for p in papers] == ["A", "X"]  # sorted, recursive
    assert report.files == [str(tmp_path / "a.csv"), str(sub / "x.jsonl")]
    assert [(Path(s.path).name, s.reason.split(":")[0]) for s in report.skipped] == [
        ("c.pdf", "unknown file extension '.pdf'")]
    # several inputs keep their order; one path given as str
    papers, report = read([str(sub / "x.jsonl"), FIXTURES / "papers.csv", tmp_path / "a.csv"])
    assert [p.title for p in papers][:2] == ["X", "Moss Revisited"] and papers[-1].title == "A"
    assert report.read == 5


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.csv"])
def test_empty_file(tmp_path, name):
    f = write(tmp_path, name, b"")
    papers, report = read(f)
    assert papers == []
    assert [(s.path, s.line, s.reason) for s in report.skipped] == [(str(f), None, "empty file")]


def test_blank_lines_only(tmp_path):
    f = write(tmp_path, "blank.jsonl", "\n  \n\n")
    assert read(f)[1].skipped[0].reason == "empty file (only blank lines)"


def test_binary_file(tmp_path):
    f = write(tmp_path, "model.jsonl", b"\x89PK\x03\x04\x00\x00\x01" * 100)
    papers, report = read(f)
    assert papers == [] and "binary file" in report.skipped[0].reason and report.skipped[0].path == str(f)


def test_non_utf8_jsonl_line_skipped_rest_kept(tmp_path):
    f = write(tmp_path, "latin1.jsonl", (rec(id="a") + "\n").encode() + b'{"title": "Caf\xe9", "abstract": "x"}\n'
              + (rec(id="c") + "\n").encode())
    papers, report = read(f)
    assert [p.id for p in papers] == ["a", "c"]
    (s,) = report.skipped
    assert (s.path, s.line) == (str(f), 2) and "not valid UTF-8" in s.reason and "0xe9" in s.reason


def test_non_utf8_hf_listing_skipped_rest_kept(tmp_path):
    data = "\n".join(["First Paper", ABSTRACT, "Second Paper", ABSTRACT, "Third Paper", ABSTRACT]).encode()
    data = data.replace(b"Second Paper", b"Second Pap\xff\xfer")
    f = write(tmp_path, "dump.txt", data)
    papers, report = read(f)
    assert [p.title for p in papers] == ["First Paper", "Third Paper"]
    assert [(s.line, "not valid UTF-8" in s.reason) for s in report.skipped] == [(3, True)]


def test_non_utf8_csv_record_skipped_rest_kept(tmp_path):
    f = write(tmp_path, "x.csv", b'title,abstract\nA,"one\ntwo \xff"\nB,fine\n')
    papers, report = read(f)
    assert [p.title for p in papers] == ["B"]
    assert [(s.line, "not valid UTF-8" in s.reason) for s in report.skipped] == [(3, True)]


def test_malformed_json_line(tmp_path):
    f = write(tmp_path, "bad.jsonl", rec() + "\n" + '{"title": "T", "abstract": }\n' + rec() + "\n")
    papers, report = read(f)
    assert len(papers) == 2
    (s,) = report.skipped
    assert s.line == 2 and s.reason.startswith("malformed JSON: Expecting value")


def test_json_line_not_an_object(tmp_path):
    f = write(tmp_path, "list.jsonl", '["T", "abstract"]\n"just text"\n')
    _, report = read(f)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (1, "JSON line is an array, not an object"), (2, "JSON line is a string, not an object")]


def test_record_without_abstract(tmp_path):
    f = write(tmp_path, "no_abs.jsonl", '{"title": "T"}\n{"title": "U", "abstract": "  "}\n'
              '{"title": "V", "abstract": ["a"]}\n')
    _, report = read(f)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (1, "record without abstract"), (2, "empty abstract"), (3, "'abstract' is an array, not a string")]
    g = write(tmp_path, "no_abs.csv", "title,abstract\nT,\nU,fine\n")
    papers, report = read(g)
    assert [p.title for p in papers] == ["U"] and report.skipped[0].line == 2


def test_abstract_longer_than_max_chars(tmp_path):
    f = write(tmp_path, "long.jsonl", rec(abstract="x" * 101) + "\n" + rec() + "\n")
    papers, report = read(f, max_chars=100)
    assert len(papers) == 1
    assert report.skipped[0].line == 1 and "longer than max_chars" in report.skipped[0].reason


@pytest.mark.parametrize("fmt", ["jsonl", "txt", "csv"])
def test_five_megabyte_abstract(tmp_path, fmt):
    huge = "word " * 1_000_000
    if fmt == "jsonl":
        body = rec(title="Huge", abstract=huge) + "\n" + rec(title="Small") + "\n"
    elif fmt == "txt":
        body = f"Huge\n{huge}\nSmall\n{ABSTRACT}\n"
    else:
        body = f"title,abstract\nHuge,{huge}\nSmall,An abstract.\n"
    f = write(tmp_path, f"huge.{fmt}", body)
    del huge, body
    tracemalloc.start()
    try:
        papers, report = read(f)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.title for p in papers] == ["Small"]
    (s,) = report.skipped
    assert s.line == (2 if fmt != "jsonl" else 1) and "max_chars=100,000" in s.reason
    assert peak < 3_000_000  # the 5 MB line is never held whole


def test_missing_path_and_unknown_extension(tmp_path):
    notes = write(tmp_path, "notes.md", "# notes\n")
    papers, report = read([tmp_path / "nope.jsonl", notes, FIXTURES / "papers.csv"])
    assert len(papers) == 3
    assert [(s.path, s.line, s.reason.split(":")[0]) for s in report.skipped] == [
        (str(tmp_path / "nope.jsonl"), None, "no such file or directory"),
        (str(notes), None, "unknown file extension '.md'"),
    ]


def test_csv_without_abstract_column(tmp_path):
    f = write(tmp_path, "x.csv", "id,title,text\n1,T,Some text.\n")
    papers, report = read(f)
    assert papers == []
    (s,) = report.skipped
    assert (s.line, s.reason) == (1, "CSV without an 'abstract' column (columns: id, title, text)")


def test_on_skip_callback_and_report_default(tmp_path):
    f = write(tmp_path, "bad.jsonl", "{oops\n" + rec() + "\n")
    seen = []
    report = IngestReport(on_skip=seen.append)
    papers = list(read_papers(f, report=report))
    assert len(papers) == 1 and report.read == 1 and seen == report.skipped and len(seen) == 1
    assert str(seen[0]).startswith(f"{f}:1: malformed JSON")
    assert len(list(read_papers(f))) == 1  # no report given: problems are still not raised


# --------------------------------------------------------------------------- strict


def test_strict_raises_with_path_and_line(tmp_path):
    f = write(tmp_path, "bad.jsonl", rec() + "\n" + "{oops\n" + rec() + "\n")
    it = read_papers(f, strict=True)
    assert next(it).title == "T"
    with pytest.raises(InputError) as info:
        next(it)
    err = info.value
    assert (err.path, err.line) == (str(f), 2)
    assert str(err).startswith(f"{f}:2: malformed JSON")
    assert isinstance(err.__cause__, json.JSONDecodeError)


def test_strict_other_problems(tmp_path):
    bad_utf8 = write(tmp_path, "u.jsonl", b'{"title": "\xff", "abstract": "a"}\n')
    with pytest.raises(InputError, match=r"u\.jsonl:1: not valid UTF-8") as info:
        list(read_papers(bad_utf8, strict=True))
    assert isinstance(info.value.__cause__, UnicodeDecodeError)
    with pytest.raises(InputError, match=r"missing\.csv: no such file"):
        list(read_papers(tmp_path / "missing.csv", strict=True))
    no_abs = write(tmp_path, "n.csv", "title,abstract\nT,\n")
    with pytest.raises(InputError, match=r"n\.csv:2: record without abstract|n\.csv:2: empty abstract"):
        list(read_papers(no_abs, strict=True))


# --------------------------------------------------------------------------- dedupe and ids


def test_dedupe_by_title_keeps_all_sources_and_fills_fields():
    papers, _ = read([FIXTURES / "hf_dense.txt", FIXTURES / "hf_spaced.txt"])
    unique = dedupe(papers)
    assert len(papers) - len(unique) == 1
    sheep = [p for p in unique if p.title.startswith("Counting Sheep")]
    (sheep,) = sheep
    assert [s.path.endswith(name) for s, name in zip(sheep.sources, ("hf_dense.txt", "hf_spaced.txt"))] == [True, True]
    assert (sheep.n_authors, sheep.date, sheep.upvotes) == (7, "--05-19", 2)  # filled from the later copy
    assert unique.index(sheep) == 1  # the first copy's place


def test_dedupe_by_arxiv_id_keeps_first_id():
    papers, _ = read([FIXTURES / "papers.jsonl", FIXTURES / "papers.csv"])
    unique = dedupe(papers)
    moss = unique[0]
    assert (moss.id, moss.title, moss.date) == ("j1", "Moss: Growing Networks on Rocks", "2023-04-05")
    assert [(Path(s.path).name, s.line) for s in moss.sources] == [("papers.jsonl", 1), ("papers.csv", 2)]
    assert moss.urls == ("https://arxiv.org/abs/2304.01234v2", "https://arxiv.org/pdf/2304.01234")
    assert len(unique) == len(papers) - 1


def test_dedupe_normalised_title_and_year_fill():
    a = Paper("a", "Deep Nets: A Study", "x", date="--06-29", sources=(Source("a.txt", 1, "hf"),))
    b = Paper("b", "deep nets - a study!", "y", date="2024-06-29", arxiv_id="2401.00001",
              urls=("https://github.com/o/r",), sources=(Source("b.txt", 9, "hf"),))
    c = Paper("c", "Other", "z", arxiv_id="2401.00001v2", sources=(Source("c.csv", 2, "csv"),))
    d = Paper("d", "", "no title", sources=(Source("d.jsonl", 1, "jsonl"),))
    e = Paper("e", "", "no title either", sources=(Source("d.jsonl", 2, "jsonl"),))
    out = dedupe([a, b, c, d, e])
    assert [p.id for p in out] == ["a", "d", "e"]  # empty titles never match each other
    assert (out[0].date, out[0].arxiv_id, out[0].urls) == ("2024-06-29", "2401.00001", ("https://github.com/o/r",))
    assert [s.path for s in out[0].sources] == ["a.txt", "b.txt", "c.csv"]
    assert dedupe([]) == []


def test_paper_id_for_title():
    title = "Some Invented Title: With Parts"
    digits = hashlib.sha1(title.lower().encode()).hexdigest()[:12]
    assert paper_id_for_title(title) == "hf-" + digits
    assert paper_id_for_title(title.upper()) == paper_id_for_title(title)


def test_extract_urls():
    text = ("See (https://github.com/o/r1), https://x.org/p_(a). Also {https://o.github.io/s}, "
            "https://github.com/ o/r2 and https://github.com/o/r1/ again.")
    assert extract_urls(text) == (
        "https://github.com/o/r1", "https://x.org/p_(a)", "https://o.github.io/s", "https://github.com/o/r2")

"""Leaderboards (kg.boards), the identity rules behind them (kg.identity) and row settings (kg.settings),
on small invented graphs whose boards are known."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from kg.boards import Board, format_board_list, format_boards, leaderboard, leaderboards, paper_date, sota
from kg.errors import RulesError
from kg.identity import load_identity, parse_identity
from kg.readwrite import read_graphml, read_json, write_graphml, write_json
from kg.settings import Score, load_setting_rules, parse_setting_rules, read_settings, split_of_name

from _board_graphs import S, graph, vision_graph


@pytest.fixture(scope="module")
def G():
    return vision_graph()


@pytest.fixture(scope="module")
def boards(G):
    return leaderboards(G)


def by_title(boards) -> dict[str, Board]:
    return {b.title: b for b in boards}


def rows(board):
    return [(r.rank, r.method, r.value) for r in board.rows]


# --------------------------------------------------------------------------- boards

def test_one_board_per_measure_largest_first(boards):
    assert [b.title for b in boards] == [
        "COCO \u00b7 box AP", "ImageNet-1K \u00b7 top-1 accuracy", "ImageNet-1K \u00b7 designability",
        "COCO \u00b7 AP50", "COCO \u00b7 latency", "COCO \u00b7 mask AP", "ImageNet-1K \u00b7 top-5 error"]


def test_higher_is_better_with_a_tie(boards):
    b = by_title(boards)["ImageNet-1K \u00b7 top-1 accuracy"]
    assert b.direction == "higher" and b.measure == "quality" and b.task == "image classification"
    # ImageNet, ImageNet-1K and ILSVRC-2012 are one dataset; "accuracy" in a sentence about ImageNet
    # classification is top-1; the tie shares rank 2, the earlier paper first
    assert rows(b) == [(1, "BetaFormer-L", 84.5), (2, "AlphaNet-B", 81.0), (2, "GammaNet", 81.0)]
    assert [r.date for r in b.rows] == ["2022-06-15", "2021-03-01", "2023-01-20"]
    assert b.rows[0].metric_as_written == "accuracy" and b.rows[2].dataset_as_written == "ILSVRC-2012"


def test_lower_is_better(boards):
    b = by_title(boards)["ImageNet-1K \u00b7 top-5 error"]
    assert b.direction == "lower" and rows(b) == [(1, "DeltaDet", 12.0)]
    G2 = graph([("e1", "E", "2020-01-01", [
        ("EpsNet gets FID 3.1 on CIFAR-10 and ZetaGAN gets FID 2.2 and EtaGAN 9.5.",
         [S(3.1, "EpsNet", "CIFAR-10", "FID", "3.1", None), S(2.2, "ZetaGAN", "CIFAR-10", "FID", "2.2", None),
          S(9.5, "EtaGAN", "CIFAR-10", "FID", "9.5", None)])])])
    (fid,) = leaderboards(G2)
    assert fid.direction == "lower" and rows(fid) == [(1, "ZetaGAN", 2.2), (2, "EpsNet", 3.1), (3, "EtaGAN", 9.5)]


def test_same_measure_same_board_in_any_spelling(boards):
    b = by_title(boards)["COCO \u00b7 box AP"]
    # AP (test-dev), box AP (val2017), mAP (MS COCO), AP: one measure on one dataset
    assert rows(b) == [(1, "DeltaDet", 54.0), (2, "GammaNet", 53.0), (3, "BetaFormer-L", 52.3), (4, "AlphaNet-B", 50.1)]
    assert {r.metric_as_written for r in b.rows} == {"AP", "box AP", "mAP"}
    assert {r.dataset_as_written for r in b.rows} == {"COCO", "COCO test-dev", "MS COCO"}


def test_different_measures_stay_apart(boards):
    t = by_title(boards)
    assert rows(t["COCO \u00b7 mask AP"]) == [(1, "DeltaDet", 46.0)]
    assert rows(t["COCO \u00b7 AP50"]) == [(1, "GammaNet", 70.2)]
    assert "ImageNet-1K \u00b7 accuracy" not in t and "COCO \u00b7 AP" not in t and "COCO \u00b7 mAP" not in t


def test_unknown_direction_is_said_and_not_ranked(boards):
    b = by_title(boards)["ImageNet-1K \u00b7 designability"]
    assert b.direction is None and not b.ranked and "direction unknown" in b.direction_text
    assert [(r.rank, r.method, r.value) for r in b.rows] == [(None, "GammaNet", 0.7), (None, "GammaNet-S", 0.4)]
    assert sota(b) == ()
    assert "direction unknown" in format_boards([b]) and "direction unknown" in format_board_list([b])


def test_a_delta_is_never_ranked(boards):
    b = by_title(boards)["ImageNet-1K \u00b7 top-1 accuracy"]
    assert 3.0 not in [r.value for r in b.rows]
    (delta,) = [x for x in b.left_out if x.kind == "delta"]
    assert delta.value == 3.0 and "delta" in delta.reason
    # a graph of deltas only has no board at all
    G2 = graph([("d1", "D", None, [("ThetaNet improves AP by 2.0 on COCO.",
                                    [S(2.0, "ThetaNet", "COCO", "AP", "2.0", None, kind="delta")])])])
    assert leaderboards(G2) == []


def test_a_result_that_names_no_method_is_left_out(boards):
    b = by_title(boards)["ImageNet-1K \u00b7 top-1 accuracy"]
    assert 79.0 not in [r.value for r in b.rows] and all(r.method for bb in boards for r in bb.rows)
    (nameless,) = [x for x in b.left_out if x.value == 79.0]
    assert nameless.method is None and "no method" in nameless.reason


def test_a_board_has_the_task_more_than_half_its_rows_name():
    G2 = graph([("t1", "T", None, [("ThetaNet reaches 70.0% top-1 accuracy on ImageNet; IotaNet 71.0% and KappaNet 72.0%.",
                                    [S(70.0, "ThetaNet", "ImageNet", "top-1 accuracy", task="object detection"),
                                     S(71.0, "IotaNet", "ImageNet", "top-1 accuracy"),
                                     S(72.0, "KappaNet", "ImageNet", "top-1 accuracy")])])])
    (b,) = leaderboards(G2)
    assert b.task is None  # one row of three names a task: it does not speak for the board


def test_sizes_counts_and_times_never_on_a_quality_board(boards):
    t = by_title(boards)
    b = t["ImageNet-1K \u00b7 top-1 accuracy"]
    reasons = {x.text: x.reason for x in b.left_out}
    assert "size, count or time" in reasons["48G"] and "size, count or time" in reasons["600k"]
    assert all(r.value <= 100 for bb in boards if bb.measure == "quality" for r in bb.rows)
    # the latency goes to a board of its own, lower is better
    lat = t["COCO \u00b7 latency"]
    assert lat.measure == "cost" and lat.direction == "lower" and rows(lat) == [(1, "BetaFormer-L", 12.0)]
    # an 'other' (a count) is on no board
    assert not any(r.value == 120.0 for bb in boards for r in bb.rows)


def test_out_of_range_values_are_left_out():
    G2 = graph([("r1", "R", "2020-01-01", [
        ("IotaNet reaches 150 accuracy and 90% accuracy on SVHN.",
         [S(150.0, "IotaNet", "SVHN", "accuracy", "150", None), S(90.0, "IotaNet", "SVHN", "accuracy", "90%")])])])
    (b,) = leaderboards(G2)
    assert rows(b) == [(1, "IotaNet", 90.0)] and "outside the range" in b.left_out[0].reason


def test_settings_columns(boards):
    t = by_title(boards)
    top1 = {r.method: dict(r.settings) for r in t["ImageNet-1K \u00b7 top-1 accuracy"].rows}
    assert top1 == {"BetaFormer-L": {"extra data": "JFT-300M"}, "AlphaNet-B": {"resolution": "224px"},
                    "GammaNet": {"training": "linear probe"}}
    box = {r.method: dict(r.settings) for r in t["COCO \u00b7 box AP"].rows}
    assert box["AlphaNet-B"] == {"split": "test-dev", "size": "40M params"}  # the split read off "COCO test-dev"
    assert box["BetaFormer-L"] == {"split": "val"}  # read off "val2017" in the sentence
    assert box["GammaNet"] == {} and box["DeltaDet"] == {}
    assert t["COCO \u00b7 box AP"].columns == ("split", "size")
    assert t["ImageNet-1K \u00b7 top-1 accuracy"].columns == ("extra data", "training", "resolution")


def test_sota_over_time(boards):
    t = by_title(boards)
    assert [r.method for r in sota(t["ImageNet-1K \u00b7 top-1 accuracy"])] == ["AlphaNet-B", "BetaFormer-L"]
    # DeltaDet's paper has no year ("--07-04"): it cannot be placed in time
    assert [r.method for r in t["COCO \u00b7 box AP"].sota()] == ["AlphaNet-B", "BetaFormer-L", "GammaNet"]
    assert paper_date("--07-04") is None and paper_date("2021") == "2021"


def test_leaderboard_by_name_alias_split_metric_and_task(G):
    for name in ("COCO", "MS COCO", "coco", "COCO test-dev", "MSCOCO"):
        assert [b.title for b in leaderboard(G, name)] == [
            "COCO \u00b7 box AP", "COCO \u00b7 AP50", "COCO \u00b7 latency", "COCO \u00b7 mask AP"], name
    for metric in ("box AP", "mAP", "AP", "APbox"):
        assert [b.title for b in leaderboard(G, "COCO", metric=metric)] == ["COCO \u00b7 box AP"], metric
    assert [b.title for b in leaderboard(G, "ImageNet", metric="top-1")] == ["ImageNet-1K \u00b7 top-1 accuracy"]
    assert [b.title for b in leaderboard(G, "ILSVRC-2012", task="image classification")] == [
        "ImageNet-1K \u00b7 top-1 accuracy"]
    assert leaderboard(G, "COCO", metric="BLEU") == [] and leaderboard(G, "NoSuchSet") == []
    assert [len(b.rows) for b in leaderboards(G, min_rows=3)] == [4, 3]


def test_boards_survive_graphml_and_json_and_new_attributes(G, boards, tmp_path):
    write_graphml(G, tmp_path / "g.graphml")
    write_json(G, tmp_path / "g.json")
    for H in (read_graphml(tmp_path / "g.graphml"), read_json(tmp_path / "g.json")):
        assert [b.to_dict() for b in leaderboards(H)] == [b.to_dict() for b in boards]
    # attributes another stage adds (confidence, source) change nothing
    H = G.copy()
    for _, d in H.nodes(data=True):
        d.update(confidence=0.9, source="rules")
    assert [b.to_dict() for b in leaderboards(H)] == [b.to_dict() for b in boards]
    assert leaderboards(nx.MultiDiGraph()) == []


# --------------------------------------------------------------------------- printing

def test_formats(boards):
    b = by_title(boards)["COCO \u00b7 box AP"]
    table = format_boards([b])
    assert table.splitlines()[0] == "COCO \u00b7 box AP \u00b7 higher is better \u00b7 4 rows"
    assert "\u201cOn COCO test-dev, AlphaNet-B gets 50.1 AP with 40M parameters.\u201d" in table
    assert "test-dev" in table and "40M params" in table
    bare = format_boards([b], evidence=False)
    assert "AlphaNet-B gets" not in bare and len(bare.splitlines()) == 2 + len(b.rows)
    md = format_boards([b], "md")
    assert md.count("\n| ") == 1 + len(b.rows) and "| evidence |" in md
    parsed = list(csv.DictReader(io.StringIO(format_boards(boards, "csv"))))
    assert len(parsed) == sum(len(x.rows) for x in boards)
    first = parsed[0]
    assert (first["dataset"], first["metric"], first["rank"], first["method"], first["value"], first["split"]) == (
        "COCO", "box AP", "1", "DeltaDet", "54", "")
    data = json.loads(format_boards(boards, "json"))
    assert data[0]["rows"][0]["sentence"].startswith("DeltaDet achieves") and data[0]["direction"] == "higher"
    with pytest.raises(ValueError):
        format_boards(boards, "xml")


# --------------------------------------------------------------------------- identity rules, both ways

@pytest.fixture(scope="module")
def ids():
    return load_identity()


@pytest.mark.parametrize("a, b", [
    (("AP", "COCO"), ("box AP", "COCO")), (("mAP", "COCO"), ("box AP", "COCO")), (("APbox", "COCO"), ("AP", "COCO")),
    (("AP", "PASCAL VOC"), ("mAP", "PASCAL VOC")), (("Top-1", "ImageNet-1K"), ("top-1 accuracy", "ImageNet-1K")),
    (("accuracy", "ImageNet-1K"), ("top-1 accuracy", "ImageNet-1K")), (("FID score", "CIFAR-10"), ("FID", "CIFAR-10")),
    (("memory cost", "ImageNet-1K"), ("memory footprint", "ImageNet-1K")),
])
def test_same_measure(ids, a, b):
    assert ids.metric(*a, "A sentence about image classification.") == ids.metric(*b, "Another one.")


@pytest.mark.parametrize("a, b", [
    (("AP", "COCO"), ("AP50", "COCO")), (("AP", "COCO"), ("mask AP", "COCO")), (("AP50", "COCO"), ("AP75", "COCO")),
    (("top-1 accuracy", "ImageNet-1K"), ("top-5 accuracy", "ImageNet-1K")),
    (("top-1 error", "ImageNet-1K"), ("top-1 accuracy", "ImageNet-1K")), (("error", "CIFAR-10"), ("accuracy", "CIFAR-10")),
    (("mAP", "CSKG"), ("AP", "CSKG")),  # outside detection benchmarks the two stay apart
    (("accuracy", "CIFAR-10"), ("top-1 accuracy", "CIFAR-10")),  # the ImageNet rule is for ImageNet only
    (("latency", "COCO"), ("box AP", "COCO")),
])
def test_different_measures(ids, a, b):
    assert ids.metric(*a) != ids.metric(*b)


def test_metric_identity_depends_on_the_sentence(ids):
    assert ids.metric("accuracy", "ImageNet-1K", "ZNet gets 80% accuracy on ImageNet.") == "top-1 accuracy"
    assert ids.metric("accuracy", "ImageNet-1K", "ZNet gets 95% top-5 accuracy... and 80% accuracy.") == "accuracy"
    assert ids.metric("accuracy", "ImageNet-1K", "Retrieval accuracy on ImageNet is 60%.") == "accuracy"
    assert ids.metric("AP", "COCO", "It gets 46.0 AP on COCO instance segmentation.") == "AP"
    assert ids.metric("AP", "COCO", "It gets 46.0 AP and 40.1 mask AP on COCO.") == "box AP"


@pytest.mark.parametrize("name, expected", [
    ("COCO test-dev", ("COCO", "test-dev")), ("MS COCO", ("COCO", None)), ("COCO val2017", ("COCO", "val")),
    ("ImageNet", ("ImageNet-1K", None)), ("ILSVRC 2012", ("ImageNet-1K", None)), ("ImageNet val", ("ImageNet-1K", "val")),
    ("LibriSpeech test-other", ("LibriSpeech", "test-other")), ("SQuAD dev", ("SQuAD", "dev")),
    ("PASCAL VOC 2007", ("PASCAL VOC 2007", None)), ("ImageNet-21K", ("ImageNet-21K", None)),
    ("Tiny ImageNet", ("Tiny ImageNet", None)), ("test-dev", ("test-dev", None)),
])
def test_dataset_identity(ids, name, expected):
    assert ids.dataset(name) == expected


def test_directions(ids):
    higher = ["accuracy", "top-1 accuracy", "box AP", "mIoU", "BLEU", "F1", "PSNR", "success rate", "throughput"]
    lower = ["error", "top-5 error", "FID", "WER", "perplexity", "MSE", "latency", "number of parameters", "FLOPs"]
    assert [ids.direction(m) for m in higher] == ["higher"] * len(higher)
    assert [ids.direction(m) for m in lower] == ["lower"] * len(lower)
    assert ids.direction("designability") is None and ids.direction("attack success rate") is None
    assert ids.info("parameters").measure == "cost" and ids.info("AP").measure == "quality"


def test_cost_text(ids):
    for t in ("48G", "600k", "1.5ms", "4K", "24.37M", "35fps", "2 hours", "4G/5"):
        assert ids.is_cost_text(t), t
    for t in ("82.3%", "55.1", "3.08 percent", "59.5@5", "0.92", "82.3\\%"):
        assert not ids.is_cost_text(t), t


# --------------------------------------------------------------------------- settings

@pytest.fixture(scope="module")
def srules():
    return load_setting_rules()


@pytest.mark.parametrize("sentence, expected", [
    ("XNet reaches 80.0% on ImageNet with 88M parameters.", {"size": "88M params"}),
    ("Pre-trained on ImageNet-22K, XNet reaches 80.0%.", {"extra data": "ImageNet-22K"}),
    ("Using JFT-3B, XNet reaches 80.0%.", {"extra data": "JFT-3B"}),
    ("Without any extra training data, XNet reaches 80.0%.", {"extra data": "none"}),
    ("With linear probing XNet reaches 80.0%.", {"training": "linear probe"}),
    ("Fine-tuned end to end, XNet reaches 80.0%.", {"training": "fine-tuned"}),
    ("Without fine-tuning, XNet reaches 80.0%.", {"training": "no fine-tuning"}),
    ("In the zero-shot setting XNet reaches 80.0%.", {"training": "zero-shot"}),
    ("At 384x384 XNet reaches 80.0%.", {"resolution": "384px"}),
    ("XNet reaches 80.0% at 512 resolution.", {"resolution": "512px"}),
    ("XNet reaches 80.0% on the test set.", {"split": "test"}),
    ("XNet reaches 80.0% with multi-scale testing.", {"testing": "multi-scale"}),
    ("XNet reaches 80.0% without test-time augmentation.", {"testing": "no TTA"}),
    ("XNet reaches 80.0% with 10 NFE.", {"steps": "10 steps"}),
    ("Trained for 300 epochs, XNet reaches 80.0%.", {"schedule": "300 epochs"}),
    ("With 50 IPC, XNet reaches 80.0%.", {"training data": "50 images per class"}),
    ("With 1% of the labels, XNet reaches 80.0%.", {"training data": "1% of the labels"}),
    ("With 2-bit weights XNet reaches 80.0%.", {"precision": "2-bit"}),
    ("XNet reaches 80.0% and generates 1024 x 1024 images.", {}),  # an output size is not an input resolution
    ("We test XNet, which reaches 80.0% with 12 layers.", {}),
])
def test_settings_of_one_score(srules, sentence, expected):
    assert read_settings(sentence, [Score("80.0%", 80.0)], srules) == [expected]


def test_settings_lists_follow_the_scores(srules):
    s = "The base/large-level XNet achieves 80.1%/82.3% top-1 accuracy and 50.0%/52.5% box AP."
    scores = [Score("80.1%/82.3", 80.1), Score("80.1%/82.3%", 82.3), Score("50.0%/52.5", 50.0), Score("50.0%/52.5%", 52.5)]
    assert [d.get("size") for d in read_settings(s, scores, srules)] == ["base", "large", "base", "large"]
    s = "XNet-S, XNet-M and XNet-L, with 10M, 20M and 40M parameters, reach 70.0%, 75.0% and 78.0%."
    scores = [Score("78.0%", 78.0), Score("70.0%", 70.0), Score("75.0%", 75.0)]
    assert [d["size"] for d in read_settings(s, scores, srules)] == ["40M params", "10M params", "20M params"]
    # two sizes for three scores: nothing is given rather than a guess
    s = "With 10M and 20M parameters XNet reaches 70.0%, 75.0% and 78.0%."
    assert read_settings(s, [Score("70.0%", 70.0), Score("75.0%", 75.0), Score("78.0%", 78.0)], srules) == [{}, {}, {}]


def test_split_near_its_dataset(srules):
    s = "XNet gets 60.0% on ImageNet, 50.0 AP on COCO minival and 40.0 mIoU on ADE20K."
    scores = [Score("60.0%", 60.0, "ImageNet-1K"), Score("50.0", 50.0, "COCO"), Score("40.0", 40.0, "ADE20K")]
    names = {"ImageNet-1K": ["ImageNet-1K", "ImageNet"], "COCO": ["COCO"], "ADE20K": ["ADE20K"]}
    assert read_settings(s, scores, srules, names) == [{}, {"split": "minival"}, {}]


def test_split_of_a_name_only_at_its_end(srules):
    assert split_of_name("COCO test-dev", srules) == ("COCO", "test-dev")
    assert split_of_name("Test-Time Benchmark", srules) == ("Test-Time Benchmark", None)
    assert split_of_name("DevBench", srules) == ("DevBench", None)


# --------------------------------------------------------------------------- rule files

def test_rule_files_load_and_cover_the_gazetteer_metrics(ids):
    """Every metric name the entity rules know has a direction, or is knowingly left without one."""
    from kg.rules import load_rules

    names = {p["id"] for p in load_rules(files=["metrics.jsonl"]).patterns}
    unknown = sorted(n for n in names if ids.direction(n) is None)
    # measures whose better side depends on what a paper is after, said rather than guessed
    assert set(unknown) <= {"attack success rate", "temporal awareness", "Self-BLEU", "MOTP"}, unknown


@pytest.mark.parametrize("metric_lines, fragment", [
    (['{"metric": "X", "direction": "up"}'], "m.jsonl:1: direction"),
    (['// c', '{"metric": "X", "direction": "higher", "measure": "speed"}'], "m.jsonl:2: measure"),
    (['not json'], "m.jsonl:1: not JSON"),
    (['{"metric": "X", "direction": "higher", "aliases": ["Y"]}', '{"metric": "Z", "direction": "lower", "aliases": ["Y"]}'],
     "m.jsonl:2: alias 'Y'"),
    (['{"metric": "X", "aliases": ["Y"], "datasets": ["D"]}'], "m.jsonl:1: 'X' has no line"),
    (['{"metric": "X", "direction": "higher", "range": [5, 1]}'], "m.jsonl:1: range"),
    (['{"cost_text": "("}'], "m.jsonl:1: bad 'cost_text'"),
])
def test_bad_metric_rules_name_file_and_line(metric_lines, fragment):
    with pytest.raises(RulesError) as e:
        parse_identity(metric_lines, [], load_setting_rules(), "m.jsonl", "d.jsonl")
    assert fragment in str(e.value)


def test_bad_dataset_and_settings_rules_name_file_and_line():
    with pytest.raises(RulesError, match=r"d.jsonl:2: 'B' already names the dataset 'A'"):
        parse_identity([], ['{"dataset": "A", "aliases": ["B"]}', '{"dataset": "C", "aliases": ["B"]}'],
                       load_setting_rules(), "m.jsonl", "d.jsonl")
    with pytest.raises(RulesError, match=r"s.jsonl:1: bad pattern"):
        parse_setting_rules(['{"setting": "split", "pattern": "(", "value": "x"}'], "s.jsonl")
    with pytest.raises(RulesError, match=r"s.jsonl:1: a settings line needs"):
        parse_setting_rules(['{"pattern": "x"}'], "s.jsonl")
    with pytest.raises(RulesError, match="cannot read"):
        load_identity("/nonexistent/boards")


# --------------------------------------------------------------------------- the commands and the plot

@pytest.fixture(scope="module")
def saved(tmp_path_factory, G):
    from kg.io import write_exports

    out = tmp_path_factory.mktemp("boards") / "exports"
    write_exports(G, out)
    return out


def test_cli_leaderboard_prints_the_board_of_kg_leaderboard(saved, G, capsys):
    from kg.cli import main

    assert main(["leaderboard", "MS COCO", "-g", str(saved), "--metric", "mAP", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == [b.to_dict() for b in leaderboard(G, "COCO", metric="box AP")]
    assert main(["leaderboard", "ImageNet", "-g", str(saved / "graph.graphml"), "--no-evidence"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ImageNet-1K \u00b7 top-1 accuracy \u00b7 higher is better") and "JFT-300M" in out
    assert "ImageNet-1K \u00b7 designability \u00b7 direction unknown" in out and "\u201c" not in out
    assert main(["leaderboard", "-g", str(saved), "--list", "--min-rows", "2"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "4  COCO \u00b7 box AP  (higher is better)",
        "3  ImageNet-1K \u00b7 top-1 accuracy  (higher is better; task: image classification)",
        "2  ImageNet-1K \u00b7 designability  (direction unknown: not ranked)"]
    assert main(["leaderboard", "COCO", "-g", str(saved), "--format", "csv", "--task", "nothing"]) == 7
    assert "no leaderboard for dataset 'COCO' with task 'nothing'" in capsys.readouterr().err
    assert main(["leaderboard", "-g", str(saved)]) == 7
    assert main(["leaderboard", "COCO", "-g", str(saved / "missing.graphml")]) == 4


def test_cli_leaderboard_plots_one_board(saved, tmp_path, capsys):
    from kg.cli import main

    svg = tmp_path / "p" / "sota.svg"
    assert main(["leaderboard", "COCO", "-g", str(saved), "--metric", "AP", "--plot", str(svg)]) == 0
    err = capsys.readouterr().err
    assert "3 dated rows, 3 on the running best, 1 undated rows left out" in err
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text
    for method in ("AlphaNet-B", "BetaFormer-L", "GammaNet"):
        assert f">{method}</text>" in text, method
    assert "DeltaDet" not in text  # its paper has no year
    png = tmp_path / "sota.png"
    assert main(["leaderboard", "ImageNet", "-g", str(saved), "--metric", "top-1", "--plot", str(png), "-q"]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and capsys.readouterr().err == ""
    # several boards match, an unknown direction, a wrong extension: one line each, nothing written
    assert main(["leaderboard", "COCO", "-g", str(saved), "--plot", str(tmp_path / "x.svg")]) == 7
    assert main(["leaderboard", "ImageNet", "-g", str(saved), "--metric", "designability",
                 "--plot", str(tmp_path / "y.svg")]) == 7
    assert main(["leaderboard", "COCO", "-g", str(saved), "--metric", "AP", "--plot", str(tmp_path / "z.pdf")]) == 4
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[:2] for line in err] == [["kg", " error"]] * 3
    assert "choose one with --metric" in err[0] and "direction of 'designability' is unknown" in err[1]
    assert not any((tmp_path / n).exists() for n in ("x.svg", "y.svg", "z.pdf"))


def test_cli_datasets(saved, capsys):
    from kg.cli import main

    assert main(["datasets", "-g", str(saved), "--format", "json"]) == 0
    usage = {u["dataset"]: u for u in json.loads(capsys.readouterr().out)}
    # ImageNet, ImageNet-1K and ILSVRC-2012 are one dataset; COCO, MS COCO and COCO test-dev another
    assert set(usage) == {"ImageNet-1K", "COCO"}
    assert usage["ImageNet-1K"]["papers"] == 4 and usage["COCO"]["papers"] == 4
    assert usage["COCO"]["by_month"] == {"2021-03": 1, "2022-06": 1, "2023-01": 1} and usage["COCO"]["undated"] == 1
    assert usage["COCO"]["boards"] == 4 and usage["ImageNet-1K"]["boards"] == 3
    assert sorted(usage["COCO"]["names"]) == ["COCO", "COCO test-dev", "MS COCO"]
    assert main(["datasets", "-g", str(saved), "--top", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("dataset") and len(lines) == 2


def test_board_rules_follow_kg_rules(tmp_path, monkeypatch):
    from kg.settings import default_boards_dir

    checkout = default_boards_dir()
    monkeypatch.setenv("KG_RULES", str(tmp_path))  # entity rules elsewhere, no boards/ there: the checkout's
    assert default_boards_dir() == checkout
    (tmp_path / "boards").mkdir()
    for name in ("metrics.jsonl", "datasets.jsonl", "settings.jsonl"):
        (tmp_path / "boards" / name).write_text((checkout / name).read_text(encoding="utf-8").replace(
            '"metric": "FID", "direction": "lower"', '"metric": "FID", "direction": "higher"'), encoding="utf-8")
    assert default_boards_dir() == tmp_path / "boards" and load_identity().direction("FID") == "higher"

import pytest

from kg.schema import NODE_LABELS, RELATIONS, merge_key, node_id, slug


@pytest.mark.parametrize("a,b", [("ResNet50", "ResNet-50"), ("ResNet 50", "resnet-50"), ("CIFAR10", "CIFAR-10")])
def test_merge_key_joins_spelling_variants(a, b):
    assert merge_key(a) == merge_key(b)


def test_merge_key_keeps_different_names_apart():
    assert merge_key("ResNet-50") != merge_key("ResNet-101")


def test_node_ids_are_readable_and_typed():
    assert node_id("Dataset", "COCO test-dev") == "dataset:coco-test-dev"
    assert node_id("Method", "ViT-B/16") == "method:vit-b-16"
    assert node_id("Paper", "2401.00001") == "paper:2401.00001"
    assert node_id("Repository", "github.com/a/b") == "repo:github.com/a/b"
    with pytest.raises(ValueError):
        node_id("Person", "x")


def test_slug_never_empty():
    assert slug("???") == "_"


def test_relations_join_known_labels():
    for rel, pairs in RELATIONS.items():
        assert rel.isupper()
        for src, dst in pairs:
            assert src in NODE_LABELS and dst in NODE_LABELS

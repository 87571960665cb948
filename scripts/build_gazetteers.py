#!/usr/bin/env python3
"""Generate the entity rule files of ``rules/`` (datasets, metrics, tasks, methods, stoplist).

The name lists below are written by hand from public knowledge (well-known benchmarks, library
dataset/model/metric names) and are merged with the NLP-TDMS knowledge base of
``../shared/gazetteers/*.tsv`` when it is present (its names are cleaned: parenthetical notes,
"corpus"/"dataset"/"shared task" suffixes, "A / B" alternatives).

Line syntax of the lists: ``Canonical | alias | alias ...``. The first name is the canonical id
(the display name in the graph) and is itself a pattern. A name prefixed with ``=`` matches
case-sensitively (``"case": "exact"``); a name prefixed with ``!`` gets no automatic variants.
Single-token names of at most three characters that contain a capital letter (AP, EM, CNN, ...)
are exact automatically.

Automatic variants of every name:
* a hyphen or space between a letter and a digit becomes ``-``, `` `` or nothing
  (ResNet-50 / ResNet 50 / ResNet50, Llama 2 / Llama-2 / Llama2);
* a hyphen between two lower-case words also appears as a space (text-to-image / text to image),
  and is dropped after common prefixes (pre-training / pretraining, multi-task / multitask);
* Task, Method and Metric names get the British spelling (modeling / modelling, -ization / -isation).
Variants that tokenise (spaCy English tokenizer, lower-cased unless exact) like an earlier
pattern of the same label are dropped; a variant claimed by two different ids is an error.

Usage: python scripts/build_gazetteers.py [--check]   (--check: validate rules/ without writing)
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
GAZ = ROOT.parent / "shared" / "gazetteers"

LABEL_FILES = {
    "Dataset": "datasets.jsonl",
    "Metric": "metrics.jsonl",
    "Task": "tasks.jsonl",
    "Method": "methods.jsonl",
}

# --------------------------------------------------------------------------------------------
# variant generation
# --------------------------------------------------------------------------------------------
_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])[- ](?=\d)")
_NO_CONCAT_LEFT = {"task", "track", "subtask", "version", "part", "level", "shot", "step"}
_CONCAT_PREFIXES = {"pre", "multi", "non", "co", "re", "semi"}
_UK = [
    (re.compile(r"modeling"), "modelling"),
    (re.compile(r"Modeling"), "Modelling"),
    (re.compile(r"(?<=[a-z])ization"), "isation"),
    (re.compile(r"(?<=[a-z])izing"), "ising"),
    (re.compile(r"(?<=[a-z])ized\b"), "ised"),
    (re.compile(r"(?<=[a-z])ize\b"), "ise"),
    (re.compile(r"(?<=[a-z])izer"), "iser"),
    (re.compile(r"\bcolor"), "colour"),
    (re.compile(r"\bColor"), "Colour"),
    (re.compile(r"\bdialog\b"), "dialogue"),
]


def _letter_digit_variants(name: str) -> set[str]:
    """ResNet-50 -> ResNet 50, ResNet50 (only the first letter/digit boundary, and only after a
    word with a capital letter: 'text-to-3D' and 'Zero-1-to-3' stay as they are)."""
    m = _LETTER_DIGIT.search(name)
    if not m:
        return {name}
    left = re.findall(r"[A-Za-z]+$", name[: m.start()])[0]
    if not any(c.isupper() for c in left) or re.match(r"\d+(?:\.\d+)?-[a-z]", name[m.end():]):
        return {name}
    rest = name[m.end():]
    ends = re.fullmatch(r"\d+(?:\.\d+)?[A-Za-z]{0,2}\+*", rest) is not None
    concat = left.lower() not in _NO_CONCAT_LEFT and (ends or (left.isupper() and len(left) <= 5))
    seps = ["-", " "] + ([""] if concat else [])
    return {name[: m.start()] + sep + name[m.end():] for sep in seps}


def _hyphen_variants(name: str) -> set[str]:
    """chain-of-thought -> chain of thought; pre-training -> pretraining. Only hyphen chains whose
    parts are all words of two or more letters, not all capitals, one of them a lower-case word of
    three or more letters (MS-COCO, BERT-base, En-De, English-to-German stay as written)."""
    out = {name}
    spaced, joined, changed = [], [], False
    for tok in name.split(" "):
        parts = tok.split("-")
        if (len(parts) > 1 and all(len(p) >= 2 and p.isalpha() and not p.isupper() for p in parts)
                and any(p.islower() and len(p) >= 3 for p in parts)):
            spaced.append(" ".join(parts))
            changed = True
            if len(parts) == 2 and parts[0].lower() in _CONCAT_PREFIXES:
                joined.append("".join(parts))
            else:
                joined.append(tok)
        else:
            spaced.append(tok)
            joined.append(tok)
    if changed:
        out.add(" ".join(spaced))
        out.add(" ".join(joined))
    return out


def _uk_variants(name: str) -> set[str]:
    uk = name
    for rx, rep in _UK:
        uk = rx.sub(rep, uk)
    return {name, uk}


def variants(name: str, label: str) -> list[str]:
    out = {name}
    for f in (_letter_digit_variants, _hyphen_variants):
        out = set().union(*(f(x) for x in out))
    if label in ("Task", "Method", "Metric"):
        out = set().union(*(_uk_variants(x) for x in out))
    return [name] + sorted(out - {name})


def parse_block(block: str) -> list[list[tuple[str, bool, bool]]]:
    """Lines of ``a | b | c`` -> [[(name, exact, novar), ...], ...]."""
    entries = []
    for raw in block.strip().splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        items = []
        for part in raw.split(" | "):
            part = part.strip()
            exact = novar = False
            while part[:1] in ("=", "!"):
                if part[0] == "=":
                    exact = True
                else:
                    novar = True
                part = part[1:]
            if part:
                items.append((part, exact, novar))
        entries.append(items)
    return entries


def auto_exact(name: str) -> bool:
    return " " not in name and len(name) <= 3 and any(c.isupper() for c in name)


# --------------------------------------------------------------------------------------------
# hand-written name lists
# --------------------------------------------------------------------------------------------
DATASETS = r"""
# --- image classification / pre-training data
ImageNet | ILSVRC | Imagenet
ImageNet-1K | ImageNet-1k | =!IN-1K | =!IN-1k | =!IN1K | =!IN1k | ILSVRC-2012 | ILSVRC 2012 | ILSVRC2012 | ILSVRC-12 | ILSVRC12 | ImageNet 2012 | ImageNet-2012 | ImageNet1K | ImageNet1k
ImageNet-21K | ImageNet-21k | ImageNet-22K | ImageNet-22k | =!IN-21K | =!IN-22K | =!IN-21k | =!IN-22k | =!IN21K | =!IN22K | =!IN21k | =!IN22k | ImageNet21K | ImageNet22K
ImageNet-V2 | ImageNetV2 | ImageNet-v2 | ImageNet V2
ImageNet-R | ImageNet-Rendition
ImageNet-A
ImageNet-Sketch | ImageNet Sketch
ImageNet-C
ImageNet-ReaL | ImageNet ReaL
ImageNet-O
ObjectNet
CIFAR-10 | CIFAR10
CIFAR-100 | CIFAR100
CIFAR-10-C | CIFAR10-C
CIFAR-100-C | CIFAR100-C
CIFAR-10.1
CIFAR-FS
FC100
MNIST
Fashion-MNIST | FashionMNIST | F-MNIST | Fashion MNIST
KMNIST | Kuzushiji-MNIST
EMNIST
QMNIST
SVHN | Street View House Numbers
STL-10 | STL10
Tiny ImageNet | TinyImageNet | Tiny-ImageNet
miniImageNet | mini-ImageNet | Mini-ImageNet | MiniImageNet
tieredImageNet | tiered-ImageNet | TieredImageNet
Omniglot
Meta-Dataset
Caltech-101 | Caltech101
Caltech-256 | Caltech256
Oxford Flowers-102 | Flowers-102 | Flowers102 | Oxford 102 Flowers | Oxford Flowers | Oxford-Flowers
Oxford-IIIT Pets | Oxford-IIIT Pet | Oxford Pets | OxfordPets
Stanford Cars | StanfordCars | Cars196 | Cars-196
FGVC-Aircraft | FGVC Aircraft | FGVCAircraft
CUB-200-2011 | CUB-200 | CUB200 | CUB | Caltech-UCSD Birds | CUB Birds
Stanford Dogs
NABirds
Food-101 | Food101
DTD | Describable Textures Dataset | Describable Textures
EuroSAT
SUN397 | SUN-397 | SUN 397
Places365 | Places-365 | Places2 | Places205
iNaturalist | iNat
iNaturalist 2017 | iNat2017 | iNat 2017
iNaturalist 2018 | iNat2018 | iNat 2018 | iNat-2018
iNaturalist 2021 | iNat2021 | iNat 2021
RESISC45 | NWPU-RESISC45
PatchCamelyon | PCam
Country211
WebVision
Clothing1M
ImageNet-LT
Places-LT
CIFAR-10-LT
CIFAR-100-LT
JFT-300M | JFT
JFT-3B
Instagram-3.5B | IG-3.5B
LAION
LAION-400M
LAION-2B | LAION-2B-en | LAION2B
LAION-5B | LAION5B
LAION-Aesthetics
LAION-COCO
DataComp | DataComp-1B
COYO-700M | COYO
CC3M | Conceptual Captions | CC-3M | Conceptual Captions 3M
CC12M | Conceptual 12M | CC-12M
SBU Captions | SBU
YFCC100M | YFCC-100M | YFCC15M | YFCC
WebLI
Visual Genome
Objects365 | Objects-365
Open Images | OpenImages | Open Images V4 | Open Images V6 | Open Images V7 | OpenImages V6
LVIS | LVIS v1.0 | LVIS v1 | LVIS-v1
SA-1B
CrowdHuman
WIDER FACE | WIDERFACE | WIDER Face | WiderFace
FDDB
LFW | Labeled Faces in the Wild
CelebA
CelebA-HQ | CelebAHQ
FFHQ | Flickr-Faces-HQ
LSUN
LSUN Bedroom | LSUN Bedrooms | LSUN-Bedroom | LSUN-Bedrooms
LSUN Church | LSUN Churches | LSUN-Church | LSUN Church Outdoor
LSUN Cat | LSUN Cats | LSUN-Cat
LSUN Horse | LSUN-Horse
AFHQ | AFHQv2 | AFHQ-v2 | Animal Faces-HQ
MetFaces
MS-Celeb-1M
VGGFace2 | VGGFace
IJB-B
IJB-C
MegaFace
CASIA-WebFace
AgeDB | AgeDB-30
CelebV-HQ
# --- detection / segmentation
COCO | MS COCO | MS-COCO | MSCOCO | Microsoft COCO | COCO 2017 | COCO 2014 | MS COCO 2017
COCO test-dev | COCO test-dev2017 | COCO test-dev 2017 | test-dev2017
COCO val2017 | COCO val 2017 | COCO minival | COCO val
COCO Captions | COCO Caption | MS COCO Captions | MS-COCO Captions | COCO captioning | COCO Karpathy
COCO-Stuff | COCO Stuff | COCO-Stuff-164K | COCO-Stuff 164K | COCO-Stuff-10K
COCO Panoptic | COCO-Panoptic
COCO-Text
RefCOCO
RefCOCO+
RefCOCOg
PASCAL VOC | Pascal VOC | VOC | PASCAL-VOC | Pascal-VOC | PASCAL Visual Object Classes
PASCAL VOC 2007 | VOC2007 | VOC 2007 | Pascal VOC 2007 | VOC07
PASCAL VOC 2012 | VOC2012 | VOC 2012 | Pascal VOC 2012 | VOC12
PASCAL-Context | Pascal Context | Pascal-Context | PASCAL Context | Pascal-Context-59 | PC-59
PASCAL-Context-459 | PC-459
ADE20K | ADE20k | ADE-20K | ADE 20K | ADE20K-150 | ADE-150
ADE20K-847 | ADE-847 | A-847
Cityscapes | CityScapes
Mapillary Vistas | Mapillary
KITTI
KITTI 2015 | KITTI-2015 | KITTI2015
KITTI 2012 | KITTI-2012
nuScenes | NuScenes
Waymo Open Dataset | Waymo Open | WOD | Waymo
Argoverse
Argoverse 2 | Argoverse2 | AV2
Lyft Level 5
BDD100K | BDD-100K
CamVid
SUN RGB-D | SUNRGBD | SUN-RGBD | SUN RGBD
NYU Depth V2 | NYUv2 | NYU-Depth V2 | NYUDv2 | NYU Depth | NYU-v2 | NYUD-v2 | NYU-Depth-v2 | NYU Depth v2
ScanNet | ScanNetV2 | ScanNet v2 | ScanNet-v2
ScanNet200
ScanNet++
S3DIS
SemanticKITTI | Semantic KITTI
ModelNet40 | ModelNet-40 | ModelNet 40
ModelNet10
ShapeNet | ShapeNetCore
ShapeNetPart | ShapeNet-Part | ShapeNet Part
ScanObjectNN
Matterport3D | MP3D
=Replica
Objaverse
Objaverse-XL
CO3D | Common Objects in 3D
DTU | DTU MVS
Tanks and Temples | Tanks & Temples | Tanks&Temples | T&T
LLFF
NeRF Synthetic | NeRF-Synthetic | Blender dataset | NeRF synthetic dataset
Mip-NeRF 360 dataset | Mip-NeRF360 dataset
=DAVIS | DAVIS 2016 | DAVIS-2016
DAVIS 2017 | DAVIS-2017 | DAVIS17
YouTube-VOS | YouTubeVOS | YouTube-VOS 2018 | YouTube-VOS 2019
=MOSE
MOT16
MOT17 | MOTChallenge 2017
MOT20
MOTChallenge
DanceTrack
LaSOT
GOT-10k | GOT10k | GOT-10K
TrackingNet
UAV123
OTB-100 | OTB100 | OTB2015 | OTB
Human3.6M | H36M | Human3.6 M | Human 3.6M
MPII | MPII Human Pose
COCO Keypoints | COCO keypoint | COCO-WholeBody
3DPW
=AMASS
HumanML3D
KIT-ML | KIT Motion-Language
FreiHAND
InterHand2.6M
Market-1501 | Market1501
DukeMTMC-reID | DukeMTMC
CUHK03
MSMT17
CrowdPose
OCHuman
DOTA | DOTA-v1.0 | DOTA v1.0
=DIOR
xView
ISIC | ISIC 2018 | ISIC 2019 | ISIC-2018
BraTS | BRATS | BraTS 2020 | BraTS 2021
LIDC-IDRI
KiTS19 | KiTS
=Synapse | Synapse multi-organ
ACDC
CheXpert
MIMIC-CXR
MIMIC-III | MIMIC III | MIMIC-3
MIMIC-IV | MIMIC IV
ChestX-ray14 | ChestX-ray8 | NIH ChestX-ray14 | NIH Chest X-ray
Camelyon16 | CAMELYON16
fastMRI | FastMRI
Medical Segmentation Decathlon | MSD
DIV2K
Flickr2K
DF2K
Set5
Set14
BSD100 | B100
Urban100
Manga109
BSD68
BSDS500 | BSDS
=Kodak | Kodak24
McMaster
CBSD68
SIDD
DND
GoPro
RealBlur
=HIDE
Rain100L
Rain100H
Rain13K
=LOL | LOL-v1
LOL-v2
SOTS
RESIDE
=REDS
Vimeo-90K | Vimeo90K | Vimeo-90k
Vid4
UCF101 | UCF-101 | UCF 101
HMDB51 | HMDB-51 | HMDB
=Kinetics
Kinetics-400 | K400 | K-400 | Kinetics400
Kinetics-600 | K600 | K-600
Kinetics-700 | K700 | K-700
Something-Something V2 | SSv2 | SSV2 | Something-Something-V2 | SthSthV2 | Something-Something v2
Something-Something V1 | SSv1 | Something-Something-V1
=Charades
Charades-STA
ActivityNet | ActivityNet-1.3 | ActivityNet v1.3 | ActivityNet1.3
ActivityNet Captions
ActivityNet-QA
THUMOS14 | THUMOS'14 | THUMOS-14 | THUMOS 14 | THUMOS
AVA | AVA v2.2
EPIC-KITCHENS | EPIC-Kitchens | EPIC-KITCHENS-100 | EPIC-Kitchens-100 | EK-100 | EPIC-KITCHENS-55
Ego4D
Ego-Exo4D
Diving48 | Diving-48
=Moments in Time | Moments-in-Time
HowTo100M
MSR-VTT | MSRVTT
MSRVTT-QA | MSR-VTT-QA
MSVD
MSVD-QA
DiDeMo
LSMDC
VATEX
YouCook2
TVQA
NExT-QA
EgoSchema
Video-MME | VideoMME
MVBench
TGIF-QA
WebVid | WebVid-10M | WebVid10M | WebVid-2M
Panda-70M
InternVid
UCF-Crime
ShanghaiTech
UCSD Ped2
MPI Sintel | Sintel
FlyingChairs | Flying Chairs
FlyingThings3D | FlyingThings
Middlebury
=Scene Flow | SceneFlow
ETH3D
HPatches
MegaDepth
Aachen Day-Night
7-Scenes | 7Scenes
TUM RGB-D
EuRoC | EuRoC MAV
MVTec AD | MVTec-AD | MVTec
=VisA
ICDAR 2015 | ICDAR2015 | IC15 | ICDAR-2015
ICDAR 2013 | ICDAR2013 | IC13
Total-Text | TotalText
CTW1500 | SCUT-CTW1500 | CTW-1500
IIIT5K | IIIT5k | IIIT-5K
FUNSD
=CORD
SROIE
RVL-CDIP
DocLayNet
PubLayNet
PubTabNet
IAM | IAM Handwriting
QuickDraw | Quick Draw
# --- vision and language
VQA v2 | VQAv2 | VQA 2.0 | VQA-v2 | VQA-2.0 | VQA2.0 | VQA v2.0
VQA v1 | VQAv1
GQA
OK-VQA | OKVQA
A-OKVQA
TextVQA
DocVQA
ChartQA
InfographicVQA | InfoVQA
VizWiz | VizWiz-VQA
ScienceQA | ScienceQA-IMG | SQA-IMG
AI2D
NoCaps | nocaps
Flickr30K | Flickr30k | Flickr 30K | Flickr-30K
Flickr30K Entities | Flickr30k Entities
Flickr8K | Flickr8k
TextCaps
CLEVR
NLVR2
SNLI-VE
Visual7W
VCR
Winoground
MMMU
MMBench
MME
SEED-Bench | SEED-Bench-2
POPE
MM-Vet
MathVista
MathVerse
LLaVA-Bench | LLaVA-Bench-in-the-Wild | LLaVA-Bench (In-the-Wild)
HallusionBench
RealWorldQA
OCRBench
MMStar
=BLINK
MMVP
CharXiv
ShareGPT4V
LLaVA-Instruct-150K | LLaVA-Instruct
DrawBench
PartiPrompts | Parti Prompts
GenEval
T2I-CompBench
DPG-Bench
VBench
EvalCrafter
MS-COCO 30K | COCO-30K | COCO 30K
# --- NLP benchmarks
=GLUE
SuperGLUE
SST-2 | SST2
SST-5 | SST5 | SST-fine
SST | Stanford Sentiment Treebank
MultiNLI | MNLI | Multi-NLI | MNLI-m | MNLI-mm | MultiNLI-m
SNLI | Stanford Natural Language Inference
QNLI
=RTE
MRPC | Microsoft Research Paraphrase Corpus
QQP | Quora Question Pairs
CoLA
STS-B | STS Benchmark | STSB | STS-Benchmark
WNLI
ANLI | Adversarial NLI
XNLI
SciTail
=SICK
SICK-R
SICK-E
STS12
STS13
STS14
STS15
STS16
BoolQ
CommitmentBank
COPA
MultiRC
=ReCoRD
WiC
WSC | Winograd Schema Challenge | Winograd Schema
WSC273
WinoGrande | Winogrande
=SQuAD | =SQUAD | Stanford Question Answering Dataset
=SQuAD 1.1 | =SQuAD v1.1 | =SQuAD1.1 | =SQuAD-1.1 | =SQuAD 1.0 | =SQuAD v1 | =SQuADv1.1 | =SQuAD1
=SQuAD 2.0 | =SQuAD v2.0 | =SQuAD2.0 | =SQuAD-2.0 | =SQuADv2 | =SQuAD v2 | =SQuAD2
NewsQA
SearchQA
TriviaQA
=Natural Questions | NaturalQuestions | =NQ | NQ-Open | NQ Open
HotpotQA
QuAC
CoQA
=DROP
=RACE
RACE-h | RACE-H | RACE-High
RACE-m | RACE-M | RACE-Middle
NarrativeQA
MS MARCO | MSMARCO | MS-MARCO
WebQuestions | WebQ
WebQuestionsSP | WebQSP
ComplexWebQuestions | CWQ
CommonsenseQA | CSQA
OpenBookQA | OBQA
=ARC | AI2 ARC | AI2 Reasoning Challenge
ARC-Challenge | ARC-C | ARC Challenge | ARC-challenge
ARC-Easy | ARC-E | ARC Easy | ARC-easy
ARC-AGI
PIQA
SIQA | Social IQa | SocialIQA | Social-IQA
HellaSwag | Hellaswag
=SWAG
Story Cloze Test | Story Cloze | StoryCloze | ROCStories | ROC Stories
LAMBADA
TruthfulQA
StrategyQA
MMLU | Massive Multitask Language Understanding
MMLU-Pro
MMMLU
BIG-bench | BIG-Bench | BigBench | BIG bench
BIG-Bench Hard | BBH | BIG-bench Hard
AGIEval
C-Eval
CMMLU
GPQA
GPQA Diamond | GPQA-Diamond
GSM8K | GSM8k | GSM-8K | GSM 8K
GSM-Hard | GSMHard
=MATH
MATH-500 | MATH500
SVAMP
AQuA | AQuA-RAT | AQUA-RAT
MAWPS
ASDiv
MathQA
AIME
AIME 2024 | AIME24 | AIME'24
AIME 2025 | AIME25 | AIME'25
AMC23 | AMC 2023 | AMC
OlympiadBench
Omni-MATH
Minerva Math | MinervaMath
HumanEval | Human-Eval
HumanEval+ | HumanEvalPlus
MBPP
MBPP+ | MBPPPlus
=APPS
CodeContests
LiveCodeBench
DS-1000
SWE-bench | SWE-Bench | SWEbench
SWE-bench Verified | SWE-Bench Verified
SWE-bench Lite | SWE-Bench Lite
CodeXGLUE
CodeSearchNet
=Spider
=BIRD | BIRD-SQL
WikiSQL
CoSQL
SParC
MT-Bench | MT-bench | MTBench
AlpacaEval | AlpacaEval 2.0 | AlpacaEval 2 | Alpaca Eval
Arena-Hard | Arena-Hard-Auto | ArenaHard
Chatbot Arena | LMSYS Chatbot Arena
IFEval
WildBench
=HELM
LongBench | LongBench v2
L-Eval
=RULER
=Needle in a Haystack | =Needle-in-a-Haystack | NIAH | needle-in-a-haystack test
InfiniteBench
ZeroSCROLLS
SCROLLS
QMSum
GovReport
BookSum
PubMedQA
MedQA | MedQA-USMLE
MedMCQA
BioASQ
MultiMedQA
TyDi QA | TyDiQA | TyDi-QA
MLQA
XQuAD
XTREME
FLORES | FLORES-200 | FLORES-101 | Flores-200 | Flores-101 | FLORES200
WMT14 En-De | WMT 2014 EN-DE | WMT'14 En-De | WMT14 EN-DE | WMT 2014 English-German | WMT14 English-German | WMT 2014 En-De | WMT'14 English-German | WMT 14 En-De | WMT14 En→De | WMT 2014 English-to-German | WMT14 English-to-German | WMT'14 EN-DE
WMT14 En-Fr | WMT 2014 EN-FR | WMT'14 En-Fr | WMT14 EN-FR | WMT 2014 English-French | WMT14 English-French | WMT 2014 En-Fr | WMT'14 English-French | WMT 2014 English-to-French | WMT14 English-to-French | WMT'14 EN-FR
WMT16 En-Ro | WMT 2016 EN-RO | WMT'16 En-Ro | WMT16 EN-RO | WMT 2016 English-Romanian | WMT16 English-Romanian | WMT 2016 Romanian-English | WMT16 Ro-En
WMT16 En-De | WMT 2016 EN-DE | WMT'16 En-De | WMT 2016 English-German
WMT17 Zh-En | WMT 2017 Zh-En | WMT17 Chinese-English
WMT19 | WMT 2019
WMT
IWSLT14 De-En | IWSLT'14 De-En | IWSLT 2014 De-En | IWSLT14 German-English | IWSLT 2014 German-English | IWSLT'14 German-English
IWSLT 2015 | IWSLT15 | IWSLT'15 | IWSLT 2015 En-Vi | IWSLT15 En-Vi | IWSLT'15 En-Vi | IWSLT 2015 English-Vietnamese
IWSLT 2017 | IWSLT17 | IWSLT'17
OPUS-100
Europarl
Multi30K | Multi30k
CNN/Daily Mail | CNN / Daily Mail | CNN/DailyMail | CNN-DailyMail | CNN/DM | CNNDM | CNN-DM | CNN Daily Mail | CNN/Dailymail | CNN / DailyMail | CNN-Daily Mail
XSum | XSUM | Extreme Summarization
Gigaword | English Gigaword | Annotated Gigaword
DUC 2004 | DUC-2004 | DUC2004 | DUC 2004 Task 1
DUC 2002 | DUC-2002 | DUC2002
Multi-News | MultiNews
WikiHow
Reddit TIFU
SAMSum
BillSum
arXiv summarization dataset
CoNLL-2003 | CoNLL 2003 | CoNLL03 | CoNLL'03 | CoNLL-03 | CoNLL 2003 NER | CoNLL-2003 NER | CoNLL03 NER
CoNLL-2002 | CoNLL 2002
CoNLL-2000 | CoNLL 2000 | CoNLL00
CoNLL-2012 | CoNLL 2012 | CoNLL-2012 shared task | CoNLL12
CoNLL-2009 | CoNLL 2009
CoNLL-2005 | CoNLL 2005 | CoNLL05
CoNLL-2014 | CoNLL 2014 | CoNLL-2014 shared task | CoNLL14
CoNLL-2018 | CoNLL 2018
OntoNotes 5.0 | OntoNotes v5 | OntoNotes 5 | OntoNotes v5.0 | OntoNotes5.0 | Ontonotes v5 | OntoNotes-5.0
OntoNotes | Ontonotes
WNUT 2017 | WNUT-17 | WNUT17 | W-NUT 2017 | WNUT'17
WNUT 2016 | WNUT-16 | WNUT16
ACE 2004 | ACE04 | ACE-2004 | ACE 04
ACE 2005 | ACE05 | ACE-2005 | ACE 05
GENIA
BC5CDR
NCBI-disease | NCBI Disease
JNLPBA
ChemProt
SciERC
SciREX
TACRED
Re-TACRED
DocRED
NYT | New York Times Corpus | NYT10 | NYT-10
SemEval-2010 Task 8 | SemEval 2010 Task 8 | SemEval-2010 task 8
FewRel
WebNLG
E2E NLG | E2E NLG Challenge
=DART
ToTTo
WikiBio
GAP Coreference | GAP coreference dataset
WinoBias
Penn Treebank | PTB | English Penn Treebank | Penn TreeBank | Penn Tree Bank | WSJ Penn Treebank
Chinese Treebank | CTB | Chinese TreeBank | Penn Chinese Treebank
WordNet | WordNets
FrameNet
PropBank | Chinese PropBank
NomBank | Chinese NomBank
VerbNet
BabelNet
ConceptNet
YAGO
Freebase
British National Corpus | BNC
Universal Dependencies | =UD | UD 2.2 | UD v2.2 | UD2.2
CTB5 | CTB 5 | Chinese Treebank 5 | Chinese Treebank 5.1
CTB6 | CTB 6 | Chinese Treebank 6 | Chinese Treebank 6.0
CTB7 | CTB 7 | Chinese Treebank 7 | Chinese Treebank 7.0
CCGBank | CCGbank
AMR 2.0 | LDC2017T10
AMR 1.0 | LDC2014T12
AMR 3.0 | LDC2020T02
LDC2015E86
LDC2016E25
SemCor
# --- classic NLP and speech corpora and evaluation campaigns (LDC, NIST, ACL shared tasks)
MUC-3 | MUC 3
MUC-4 | MUC 4
MUC-6 | MUC 6
MUC-7 | MUC 7
ACE 2004 | ACE-2004 | ACE04 | ACE 04
Brown Corpus | Brown corpus
Hansard | Hansards | Canadian Hansards | Canadian Hansard
Fisher corpus | Fisher English
IWSLT
NIST MT | NIST OpenMT
NIST MT02 | =MT02 | NIST 2002 | =NIST02
NIST MT03 | =MT03 | NIST 2003 | =NIST03
NIST MT04 | =MT04 | NIST 2004 | =NIST04
NIST MT05 | =MT05 | NIST 2005 | =NIST05
NIST MT06 | =MT06 | NIST 2006 | =NIST06
NIST MT08 | =MT08 | NIST 2008 | =NIST08
FBIS | FBIS corpus
DUC 2001 | DUC2001 | DUC-2001
DUC 2005 | DUC2005
DUC 2006 | DUC2006
DUC 2007 | DUC2007
TAC 2008 | TAC2008 | TAC-2008
TAC 2009 | TAC2009 | TAC-2009
TAC 2010 | TAC2010
TAC 2011 | TAC2011
i2b2 | i2b2 2010 | i2b2 2012 | i2b2 2014
BioCreative | BioCreative II | BioCreative V
ukWaC
HowNet
Tiger Treebank | TIGER Treebank | TIGER corpus
Prague Dependency Treebank | =PDT
Europarl-v7 | Europarl v7
News Commentary | News Commentary corpus
OpenSubtitles
Tatoeba
Senseval-2 | Senseval 2 | SensEval-2
Senseval-3 | Senseval 3 | SensEval-3
SemEval-2007 | SemEval 2007 | SemEval-07 | SE07
SemEval-2013 | SemEval 2013 | SemEval-13 | SE13
SemEval-2015 | SemEval 2015 | SemEval-15 | SE15
SemEval-2018 | SemEval 2018
TREC | TREC-6 | TREC-50 | TREC QC
AG News | AG's News | AGNews | AG-News | AG news | AG's news
DBpedia | DBpedia-14 | DBPedia | DBpedia ontology
Yelp | Yelp reviews
Yelp-2 | Yelp Review Polarity | Yelp-P | Yelp Polarity | Yelp P.
Yelp-5 | Yelp Review Full | Yelp-F | Yelp Full | Yelp F.
Yahoo! Answers | Yahoo Answers
Amazon Reviews | Amazon Review | Amazon-5 | Amazon-2 | Amazon Review Polarity | Amazon Review Full
IMDb | IMDB | IMDb reviews | IMDB reviews | IMDb movie reviews
=SUBJ | Subjectivity dataset
MPQA
20 Newsgroups | 20NewsGroups | 20 NewsGroups | 20NG | 20-Newsgroups | 20 newsgroups
Reuters-21578 | Reuters 21578
RCV1 | RCV1-v2
Sentiment140
TweetEval
SemEval-2017 Task 4 | SemEval 2017 Task 4
SemEval-2014 Task 4 | SemEval 2014 Task 4 | SemEval-14 Task 4
SentiHood | Sentihood
Multi-Domain Sentiment Dataset | Amazon Multi-Domain Sentiment
CMU-MOSI | =MOSI | CMU MOSI
CMU-MOSEI | MOSEI | CMU MOSEI
IEMOCAP
=MELD
DailyDialog
PersonaChat | Persona-Chat | PERSONA-CHAT | ConvAI2
Wizard of Wikipedia | Wizard-of-Wikipedia | =WoW
EmpatheticDialogues | Empathetic Dialogues
MultiWOZ | MultiWOZ 2.0 | MultiWOZ2.0 | MultiWOZ 2.1 | MultiWOZ2.1 | MultiWOZ 2.2 | MultiWOZ 2.4
DSTC2 | DSTC 2 | DSTC-2 | Second Dialog State Tracking Challenge | Second dialogue state tracking challenge
WOZ 2.0 | WOZ2.0 | WOZ
Schema-Guided Dialogue | SGD dataset | Schema-Guided Dialogue dataset
Ubuntu Dialogue Corpus | Ubuntu Corpus | Ubuntu Dialog Corpus | Ubuntu IRC
Switchboard | SWB | Switchboard-1
SwDA | Switchboard Dialog Act
MRDA | ICSI Meeting Recorder Dialog Act | ICSI MRDA
ATIS
SNIPS
CLINC150 | CLINC | CLINC-150
Banking77 | BANKING77
HWU64
WikiText-103 | WikiText103 | Wikitext-103 | WT103 | WikiText 103
WikiText-2 | WikiText2 | Wikitext-2 | WT2 | WikiText 2
WikiText
enwik8 | enwiki8 | Hutter Prize
text8 | Text8
One Billion Word | One Billion Word Benchmark | 1B Words | Billion Word | LM1B | 1 Billion Word | Google Billion Word | Google Billion Words | One Billion Words | 1B Word Benchmark
=The Pile | =the Pile | =Pile
C4 | Colossal Clean Crawled Corpus
mC4
RedPajama | RedPajama-Data | RedPajama-V2
RefinedWeb
FineWeb
FineWeb-Edu
Dolma
SlimPajama
=ROOTS
OpenWebText | OpenWebText2
BookCorpus | BooksCorpus | Toronto BookCorpus
Common Crawl | CommonCrawl
OSCAR corpus
CC-100 | CC100
=The Stack | =The Stack v2
ShareGPT
UltraChat
UltraFeedback
Anthropic HH | HH-RLHF | Anthropic HH-RLHF | Anthropic Helpful and Harmless | Anthropic-HH
OpenAssistant Conversations | OASST1 | OASST
Super-NaturalInstructions | Super-Natural Instructions | =Natural Instructions | NaturalInstructions | SuperNI | Super-NI
FLAN Collection | Flan Collection | Flan 2022
WildChat
LMSYS-Chat-1M
Alpaca dataset | Alpaca-52K | Alpaca data
Dolly-15k | databricks-dolly-15k
OpenOrca
MetaMathQA
NuminaMath
ToxiGen
RealToxicityPrompts
=BBQ
CrowS-Pairs
StereoSet
AdvBench
HarmBench
JailbreakBench
XSTest
=FEVER
=KILT
BEIR
MTEB | Massive Text Embedding Benchmark
LoTTE
TREC-COVID
NFCorpus
FiQA | FiQA-2018
SciFact
ArguAna
Touche-2020 | Touché-2020
TREC DL 2019 | TREC-DL 2019 | DL19 | TREC DL19 | TREC Deep Learning 2019
TREC DL 2020 | TREC-DL 2020 | DL20 | TREC DL20 | TREC Deep Learning 2020
MIRACL
Mr. TyDi
ELI5
ASQA
PopQA
2WikiMultiHopQA | 2WikiMQA | 2Wiki
MuSiQue
Bamboogle
WebShop
ALFWorld
ScienceWorld
WebArena
VisualWebArena
Mind2Web
AgentBench
=GAIA
ToolBench
API-Bank
MiniWoB++ | MiniWoB
OSWorld
AndroidWorld
Berkeley Function Calling Leaderboard | BFCL
GeoQuery | Geo880
TempEval-3 | TempEval 3
TimeBank | TimeBank-Dense
Event2Mind
CliCR
=PNT | Parsing Time Normalizations
LexNorm
LexNorm2015 | LexNorm 2015
=Quasar
Quasar-T
Quasar-S
AIDA CoNLL-YAGO | AIDA-CoNLL | AIDA CoNLL | AIDA-YAGO | AIDA CoNLL-YAGO Dataset
RumourEval
VLSP 2013 | VLSP-2013
VLSP 2016 | VLSP-2016
VnDT
JFLEG
=PKU
=MSR
CityU
# --- speech and audio
LibriSpeech | Librispeech | LibriSpeech 960h | LibriSpeech-960h
LibriSpeech test-clean | test-clean
LibriSpeech test-other | test-other
Libri-Light | LibriLight
LibriTTS
LJSpeech | LJ Speech | LJ-Speech
VCTK
Common Voice | CommonVoice | Mozilla Common Voice
TIMIT
=WSJ | Wall Street Journal corpus | WSJ0 | WSJ corpus
CallHome | CALLHOME
AISHELL-1 | AISHELL
AISHELL-2
GigaSpeech
TED-LIUM | TED-LIUM 3 | TEDLIUM | TED-LIUM 2
VoxCeleb | VoxCeleb1 | VoxCeleb-1 | VoxCeleb1-O
VoxCeleb2 | VoxCeleb-2
VoxPopuli
Multilingual LibriSpeech | MLS
FLEURS
CoVoST 2 | CoVoST2 | CoVoST-2 | CoVoST
MuST-C
AudioSet | Audioset | AudioSet-2M | AudioSet-20K
ESC-50 | ESC50
UrbanSound8K
=Speech Commands | =Google Speech Commands | Speech Commands V2
SUPERB
AudioCaps
Clotho
MusicCaps
MAESTRO
GTZAN
NSynth
DNS Challenge | DNS
WHAM! | WHAM | WHAMR!
WSJ0-2mix | wsj0-2mix | WSJ0-2Mix | WSJ-2mix
LibriMix | Libri2Mix | Libri3Mix
VoiceBank-DEMAND | VoiceBank+DEMAND | Voice Bank + DEMAND | VCTK-DEMAND
Emilia
LibriHeavy | Libriheavy
# --- reinforcement learning, robotics, embodied
Atari | Atari 2600 | Atari games | Arcade Learning Environment | ALE | Atari-57
Atari 100k | Atari-100k | Atari100k
MuJoCo
D4RL
DeepMind Control Suite | DMC | DM Control | DMControl | DeepMind Control
OpenAI Gym
Procgen | ProcGen
Meta-World | MetaWorld
MineRL
NetHack Learning Environment | NLE
SMAC | StarCraft Multi-Agent Challenge
=CARLA
RLBench
LIBERO
=CALVIN
Franka Kitchen
Open X-Embodiment | OXE
BridgeData | BridgeData V2 | BridgeData v2 | Bridge V2
=DROID
=Adroit
AntMaze
=Crafter
BabyAI
MiniGrid
=ALFRED
Room-to-Room | R2R
VLN-CE
RxR | Room-across-Room
SimplerEnv
=Habitat
# --- graphs, recommendation, knowledge graphs
Cora
Citeseer | CiteSeer
=PubMed | Pubmed
ogbn-arxiv
ogbn-products
ogbn-proteins
ogbn-papers100M
ogbn-mag
ogbl-collab
ogbl-ddi
ogbl-citation2
ogbl-ppa
ogbl-wikikg2
ogbg-molhiv
ogbg-molpcba | MolPCBA | PCBA
ogbg-ppa
ogbg-code2
PCQM4Mv2 | PCQM4M
OGB | Open Graph Benchmark
OGB-LSC
=ZINC
QM9
QM7
MoleculeNet
=PPI
=Reddit
TUDataset | TU datasets
MUTAG
=PROTEINS
NCI1
IMDB-BINARY | IMDB-B
IMDB-MULTI | IMDB-M
=COLLAB
Peptides-func
Peptides-struct
LRGB | Long Range Graph Benchmark
FB15k | FB15K
FB15k-237 | FB15K-237 | FB237
WN18
WN18RR
YAGO3-10
Wikidata5M
MovieLens | ML-1M | MovieLens-1M | MovieLens 1M
MovieLens-20M | ML-20M | MovieLens 20M
MovieLens-100K | ML-100K | MovieLens 100K
Netflix Prize
Yelp2018
Gowalla
Amazon-Book
Last.fm | LastFM
Criteo
Avazu
=MIND
# --- time series, tabular, science
ETTh1
ETTh2
ETTm1
ETTm2
ETT
=ECL
UEA archive | UEA
UCR archive | UCR
PEMS03
PEMS04
PEMS07
PEMS08
PEMS-BAY
METR-LA
M4 competition | =M4 dataset
Monash
PDBbind
CASP14 | CASP 14
CASP15 | CASP 15
UniProt
UniRef50 | UniRef
Protein Data Bank | PDB
ProteinGym
CATH
GEOM-Drugs | GEOM
MD17 | rMD17
OC20 | Open Catalyst 2020 | Open Catalyst
Materials Project
"""
METHODS = r"""
# --- CNN backbones
CNN | CNNs | convolutional neural network | convolutional neural networks | ConvNet | ConvNets | convolutional network | convolutional networks | Convnet
AlexNet
VGG | VGGNet | VGG network
VGG-16 | VGG16 | VGG-Net-16
VGG-19 | VGG19
GoogLeNet | Inception v1 | Inception-v1
Inception-v3 | InceptionV3 | Inception v3 | Inception-V3
Inception-v4 | InceptionV4 | Inception v4
Inception-ResNet-v2 | Inception-ResNet | InceptionResNetV2
Xception
ResNet | ResNets | residual network | residual networks | Residual Network | deep residual network | deep residual networks
ResNet-18 | ResNet18
ResNet-34 | ResNet34
ResNet-50 | ResNet50 | R50 | R-50
ResNet-101 | ResNet101 | R101 | R-101
ResNet-152 | ResNet152
ResNet-200
ResNeXt | ResNeXts
ResNeXt-50 | ResNeXt50 | ResNeXt-50 32x4d
ResNeXt-101 | ResNeXt101 | ResNeXt-101 32x8d
Wide ResNet | WRN | WideResNet | Wide Residual Network | Wide Residual Networks | Wide-ResNet
WRN-28-10 | WRN-28-10 network
DenseNet | DenseNets
DenseNet-121 | DenseNet121
DenseNet-169
DenseNet-201
SENet | Squeeze-and-Excitation | Squeeze-and-Excitation Networks | SE-Net | SE block | SE-ResNet
MobileNet | MobileNets | MobileNetV1 | MobileNet v1
MobileNetV2 | MobileNet-V2 | MobileNet v2 | MobileNet V2
MobileNetV3 | MobileNet-V3 | MobileNet v3 | MobileNet V3
MobileNetV4
ShuffleNet
ShuffleNetV2 | ShuffleNet V2 | ShuffleNet v2
SqueezeNet
EfficientNet | EfficientNets
EfficientNet-B0 | EfficientNetB0
EfficientNet-B3
EfficientNet-B7 | EfficientNetB7
EfficientNetV2 | EfficientNet-V2 | EfficientNet V2
RegNet | RegNetY | RegNetX
ConvNeXt | ConvNext | ConvNeXts
ConvNeXt V2 | ConvNeXt-V2 | ConvNeXtV2
NASNet
AmoebaNet
MnasNet
HRNet | High-Resolution Network | HRNetV2
Res2Net
ResNeSt
CSPNet | CSPDarknet | CSPDarknet53
Darknet-53 | Darknet53 | DarkNet-53
RepVGG
Highway Network | Highway Networks | highway networks
Network in Network | NiN
# --- vision transformers and self-supervised vision
Vision Transformer | ViT | ViTs | Vision Transformers | vision transformer | vision transformers
ViT-B/16 | ViT-B16 | ViT-Base/16
ViT-B/32 | ViT-B32 | ViT-Base/32
ViT-L/14 | ViT-L14 | ViT-Large/14
ViT-L/16 | ViT-L16 | ViT-Large/16
ViT-H/14 | ViT-H14 | ViT-Huge/14
ViT-g/14 | ViT-G/14
ViT-S/16 | ViT-S16 | ViT-Small/16
ViT-B | ViT-Base
ViT-L | ViT-Large
ViT-H | ViT-Huge
ViT-S | ViT-Small
ViT-Ti | ViT-Tiny
DeiT
DeiT-S | DeiT-Small
DeiT-B | DeiT-Base
DeiT III | DeiT-III
Swin Transformer | Swin | Swin Transformers | Swin-Transformer
Swin-T | Swin-Tiny | Swin Tiny
Swin-S | Swin-Small
Swin-B | Swin-Base | Swin Base
Swin-L | Swin-Large | Swin Large
Swin Transformer V2 | SwinV2 | Swin-V2 | Swin V2 | Swin Transformer v2
PVT | Pyramid Vision Transformer
PVTv2 | PVT v2 | PVT-v2
T2T-ViT
CaiT
CrossViT
CvT
CoAtNet
MaxViT
MLP-Mixer | MLP Mixer
BEiT
BEiT v2 | BEiTv2 | BEiT-v2
BEiT-3 | BEiT3
Masked Autoencoder | Masked Autoencoders | masked autoencoder | masked autoencoders | Masked Auto-Encoder | MAE pre-training | MAE pretraining
SimMIM
iBOT
=DINO
DINOv2 | DINO v2
DINOv3
MoCo | Momentum Contrast
MoCo v2 | MoCov2 | MoCo-v2 | MoCoV2
MoCo v3 | MoCov3 | MoCo-v3 | MoCoV3
SimCLR
SimCLRv2 | SimCLR v2 | SimCLR-v2
=BYOL
SwAV
Barlow Twins
VICReg
SimSiam
Contrastive Predictive Coding | CPC
I-JEPA
V-JEPA
JEPA
# --- vision-language
=CLIP | Contrastive Language-Image Pre-training | Contrastive Language-Image Pretraining
OpenCLIP
SigLIP
SigLIP 2 | SigLIP2
=ALIGN
EVA-CLIP
=BLIP
BLIP-2 | BLIP2
InstructBLIP
=Flamingo
OpenFlamingo
LLaVA | LLaVa | Llava
LLaVA-1.5 | LLaVA 1.5 | LLaVA-v1.5 | LLaVA v1.5
LLaVA-NeXT | LLaVA-Next | LLaVA-1.6
LLaVA-OneVision | LLaVA-OV
MiniGPT-4 | MiniGPT4
Qwen-VL
Qwen2-VL | Qwen2VL | Qwen 2 VL
Qwen2.5-VL | Qwen2.5VL | Qwen 2.5 VL
InternVL
InternVL2 | InternVL 2 | InternVL-2
InternVL2.5 | InternVL 2.5
CogVLM
GPT-4V | GPT-4 Vision | GPT-4V(ision) | GPT-4 with vision
=PaLI
=PaLI-X
Kosmos-1
Kosmos-2
=Fuyu
IDEFICS | Idefics
Idefics2
=Molmo
Pixtral
MiniCPM-V
DeepSeek-VL
=Chameleon
Emu3
ALBEF
ViLBERT
LXMERT
UNITER
VisualBERT
SimVLM
=CoCa
VinVL
Grounding DINO | GroundingDINO
GLIP
OWL-ViT | OWLViT
OWLv2 | OWL-ViT v2
# --- text encoders and language models
word2vec | Word2Vec | Word2vec | skip-gram | Skip-gram | skip-gram model
CBOW | continuous bag-of-words
=GloVe | Glove embeddings | GloVe embeddings
fastText | FastText
ELMo
ULMFiT
=CoVe
BERT | BERTs
BERT-base | BERT base | BERT_BASE | BERTBASE | BERT_base | BERT-Base
BERT-large | BERT large | BERT_LARGE | BERTLARGE | BERT_large | BERT-Large
RoBERTa | Roberta
RoBERTa-base | RoBERTa base | RoBERTa-Base
RoBERTa-large | RoBERTa large | RoBERTa-Large
=ALBERT
DistilBERT
TinyBERT
MobileBERT
ELECTRA
DeBERTa
DeBERTaV3 | DeBERTa-v3 | DeBERTa v3 | DeBERTa-V3
XLNet
SpanBERT
=ERNIE
=XLM
XLM-R | XLM-RoBERTa | XLMR
mBERT | multilingual BERT | Multilingual BERT
SciBERT
BioBERT
ClinicalBERT
PubMedBERT
Longformer
BigBird | Big Bird
=Reformer
Linformer
=Performer
Transformer-XL | TransformerXL
Sparse Transformer
Universal Transformer
T5
T5-XXL | T5 XXL | T5-11B
mT5
Flan-T5 | FLAN-T5 | Flan T5 | FlanT5
UL2
=BART
mBART
PEGASUS | Pegasus
ProphetNet
GPT | GPT-1 | OpenAI GPT
GPT-2 | GPT2 | OpenAI GPT-2
GPT-3 | GPT3
GPT-3.5 | GPT-3.5 Turbo | GPT-3.5-turbo | gpt-3.5-turbo | GPT3.5
ChatGPT | Chat-GPT
InstructGPT
GPT-4 | GPT4
GPT-4 Turbo | GPT-4-Turbo | GPT-4-turbo | gpt-4-turbo
GPT-4o | GPT4o | gpt-4o
GPT-4o mini | GPT-4o-mini | gpt-4o-mini
GPT-4.1
GPT-5
=o1 | =OpenAI o1
=o1-preview
=o1-mini
=o3 | =OpenAI o3
=o3-mini
=o4-mini
=Codex | OpenAI Codex
=PaLM
PaLM 2 | PaLM-2 | PaLM2
Flan-PaLM
=Minerva
=Gopher
=Chinchilla
LaMDA
Gemma
Gemma 2 | Gemma-2 | Gemma2
Gemma 3 | Gemma-3 | Gemma3
=Gemini | Google Gemini
Gemini 1.5 Pro | Gemini-1.5-Pro | Gemini 1.5
Gemini 1.5 Flash | Gemini-1.5-Flash
Gemini 2.0 Flash | Gemini-2.0-Flash | Gemini 2.0
Gemini 2.5 Pro | Gemini-2.5-Pro | Gemini 2.5
=Claude
Claude 2
Claude 3 | Claude 3 Opus | Claude-3 | Claude 3 Haiku | Claude 3 Sonnet
Claude 3.5 Sonnet | Claude-3.5-Sonnet | Claude 3.5
Claude 3.7 Sonnet | Claude-3.7-Sonnet
LLaMA | Llama | LLaMa | LLaMA-1 | LLaMA 1
Llama 2 | LLaMA 2 | LLaMa 2 | Llama-2-Chat | Llama 2-Chat | LLaMA-2-Chat
Llama 3 | LLaMA 3 | LLaMa 3
Llama 3.1 | LLaMA 3.1 | LLaMa 3.1
Llama 3.2 | LLaMA 3.2
Llama 3.3 | LLaMA 3.3
Llama 4 | LLaMA 4
Code Llama | CodeLlama | Code LLaMA | CodeLLaMA
Vicuna
=Alpaca | Stanford Alpaca
=Mistral
Mistral 7B | Mistral-7B | Mistral-7B-Instruct
Mixtral | Mixtral 8x7B | Mixtral-8x7B | Mixtral 8x22B
=Falcon
MPT
=BLOOM
BLOOMZ
=OPT
Pythia
GPT-J | GPT-J-6B
GPT-NeoX | GPT-NeoX-20B
GPT-Neo
StarCoder
StarCoder2 | StarCoder 2
WizardLM
WizardCoder
WizardMath
=Orca | Orca 2
=Zephyr
OLMo | OLMo 2
Qwen
Qwen1.5 | Qwen 1.5 | Qwen-1.5
Qwen2 | Qwen 2 | Qwen-2
Qwen2.5 | Qwen 2.5 | Qwen-2.5
Qwen3 | Qwen 3 | Qwen-3
QwQ | QwQ-32B
Qwen2.5-Coder | Qwen2.5 Coder
Qwen2.5-Math | Qwen2.5 Math
DeepSeek | DeepSeek LLM
DeepSeek-Coder | DeepSeek Coder
DeepSeek-V2 | DeepSeek V2 | DeepSeekV2
DeepSeek-V3 | DeepSeek V3 | DeepSeekV3
DeepSeek-R1 | DeepSeek R1 | DeepSeekR1
DeepSeekMath | DeepSeek-Math | DeepSeek Math
=Yi | Yi-34B
Baichuan
ChatGLM
=GLM
GLM-4
InternLM
InternLM2 | InternLM 2
Phi-1
Phi-1.5
Phi-2
Phi-3 | Phi-3-mini | Phi-3 mini
Phi-3.5
Phi-4
MiniCPM
TinyLlama
SmolLM
Jamba
=Mamba
Mamba-2 | Mamba2
RWKV
RetNet
=Hyena | HyenaDNA
S4 | structured state space | structured state space model
xLSTM
Nemotron
=Grok
Kimi
# --- generative models (images, video, 3D)
GAN | GANs | generative adversarial network | generative adversarial networks | Generative Adversarial Nets | generative adversarial nets
DCGAN
WGAN | Wasserstein GAN
WGAN-GP
LSGAN
CycleGAN
pix2pix | Pix2Pix
pix2pixHD
StyleGAN
StyleGAN2 | StyleGAN-2 | StyleGAN v2
StyleGAN3
StyleGAN-XL
BigGAN
ProGAN | Progressive GAN | PGGAN
SAGAN | Self-Attention GAN
StarGAN
StarGAN v2
GigaGAN
VAE | VAEs | variational autoencoder | variational autoencoders | variational auto-encoder | variational auto-encoders | Variational Autoencoder
β-VAE | beta-VAE
VQ-VAE | VQVAE
VQ-VAE-2
VQGAN | VQ-GAN
=Glow
RealNVP | Real NVP
normalizing flow | normalizing flows | normalising flows
PixelCNN
PixelCNN++
PixelRNN
DDPM | denoising diffusion probabilistic model | denoising diffusion probabilistic models | Denoising Diffusion Probabilistic Models
DDIM | denoising diffusion implicit models
diffusion model | diffusion models
score-based generative model | score-based generative models | score-based models
latent diffusion model | LDM | latent diffusion models | Latent Diffusion | latent diffusion
Stable Diffusion | StableDiffusion
Stable Diffusion 1.5 | SD 1.5 | SD1.5 | SD-1.5
Stable Diffusion 2 | SD 2.1 | SD2.1 | Stable Diffusion 2.1
Stable Diffusion XL | SDXL | SD-XL
Stable Diffusion 3 | SD3 | SD 3
DALL-E | DALL·E | DALLE | Dall-E
DALL-E 2 | DALL·E 2 | DALLE-2 | DALLE 2
DALL-E 3 | DALL·E 3 | DALLE-3 | DALLE 3
Imagen
=Parti
=Muse
Midjourney
ControlNet
T2I-Adapter
IP-Adapter
DreamBooth
Textual Inversion | textual inversion
LoRA | Low-Rank Adaptation | low-rank adaptation
InstructPix2Pix
Prompt-to-Prompt
SDEdit
DiT | Diffusion Transformer | diffusion transformer | Diffusion Transformers | DiTs
SiT
U-ViT
PixArt-α | PixArt-alpha | PixArt-Alpha
PixArt-Σ | PixArt-Sigma
=FLUX | FLUX.1 | Flux.1
Sora
Stable Video Diffusion
AnimateDiff
VideoCrafter | VideoCrafter2
Make-A-Video
Imagen Video
Lumiere
CogVideoX | CogVideo
Open-Sora
HunyuanVideo
consistency model | consistency models | Consistency Models
Latent Consistency Model | LCM | latent consistency models
classifier-free guidance | CFG | Classifier-Free Guidance
classifier guidance
rectified flow | Rectified Flow
flow matching | Flow Matching | conditional flow matching
=EDM
DPM-Solver | DPM-Solver++
NeRF | NeRFs | neural radiance fields | neural radiance field | Neural Radiance Fields
Mip-NeRF | mip-NeRF | MipNeRF
Mip-NeRF 360 | mip-NeRF 360
Instant-NGP | Instant NGP | InstantNGP
3D Gaussian Splatting | 3DGS | Gaussian Splatting | 3D-GS | 3D Gaussians
DreamFusion
!Zero-1-to-3 | Zero123
Magic3D
Score Distillation Sampling | SDS | score distillation sampling
Plenoxels
TensoRF
NeuS
SMPL
SMPL-X
PointNet
PointNet++
DGCNN
Point Transformer
VoxelNet
PointPillars
CenterPoint
BEVFormer
BEVFusion
DUSt3R
MASt3R
=COLMAP
ORB-SLAM | ORB-SLAM2 | ORB-SLAM3
=SuperPoint
LoFTR
LightGlue
=SIFT
# --- detection, segmentation, tracking, pose, depth
R-CNN | RCNN
Fast R-CNN | Fast RCNN
Faster R-CNN | Faster RCNN | FasterRCNN | Faster-RCNN | Faster R-CNNs
Mask R-CNN | Mask RCNN | MaskRCNN | Mask-RCNN
Cascade R-CNN | Cascade RCNN | Cascade Mask R-CNN
RetinaNet
FPN | Feature Pyramid Network | feature pyramid network | Feature Pyramid Networks | feature pyramid networks
=SSD | Single Shot MultiBox Detector | Single Shot Detector
YOLO | You Only Look Once
YOLOv2 | YOLO9000
YOLOv3 | YOLO v3
YOLOv4 | YOLO v4
YOLOv5 | YOLO v5
YOLOv7 | YOLO v7
YOLOv8 | YOLO v8
YOLOv10 | YOLO v10
YOLOX
YOLO-World
FCOS
CenterNet
CornerNet
DETR | DEtection TRansformer | Detection Transformer
Deformable DETR
DAB-DETR
DN-DETR
RT-DETR
ViTDet
MaskFormer
Mask2Former
SegFormer
SETR
FCN | Fully Convolutional Network | fully convolutional network | fully convolutional networks | Fully Convolutional Networks
U-Net | UNet | U-Nets | UNets | U-net | Unet
UNet++ | U-Net++
nnU-Net | nnUNet
V-Net
DeepLab
DeepLabv3 | DeepLab v3 | DeepLabV3 | DeepLab-v3
DeepLabv3+ | DeepLab v3+ | DeepLabV3+ | DeepLab-v3+
PSPNet
SegNet
OCRNet
UperNet | UPerNet
Segment Anything | Segment Anything Model | =SAM
SAM 2 | SAM2 | Segment Anything 2 | Segment Anything Model 2
Panoptic FPN
PointRend
DeepSORT | Deep SORT
ByteTrack
OpenPose
ViTPose
SiamFC
SiamRPN | SiamRPN++
=RAFT
FlowNet
FlowNet2 | FlowNet 2.0
PWC-Net
=MiDaS
Depth Anything | DepthAnything | Depth Anything V2
=DPT | Dense Prediction Transformer
ZoeDepth
Monodepth2 | Monodepth
# --- sequence models, attention, speech
LSTM | LSTMs | long short-term memory | Long Short-Term Memory | long short term memory | Long Short Term Memory
BiLSTM | Bi-LSTM | BiLSTMs | bidirectional LSTM | Bidirectional LSTM | bi-directional LSTM | BLSTM
BiLSTM-CRF | Bi-LSTM-CRF | BiLSTM CRF | LSTM-CRF
Tree-LSTM | TreeLSTM | Tree LSTM
GRU | GRUs | gated recurrent unit | gated recurrent units | Gated Recurrent Unit
RNN | RNNs | recurrent neural network | recurrent neural networks | Recurrent Neural Network | recurrent network | recurrent networks
Transformer | Transformers | transformer architecture | Transformer architecture
statistical machine translation | SMT | phrase-based machine translation | phrase-based SMT
seq2seq | sequence-to-sequence | Seq2Seq | sequence to sequence | Seq2seq | sequence-to-sequence model
attention mechanism | attention mechanisms | neural attention
self-attention | Self-Attention | self attention
multi-head attention | multi-head self-attention | Multi-Head Attention | multihead attention | MHSA
cross-attention | cross attention | Cross-Attention
Bahdanau attention | additive attention
linear attention
sparse attention
sliding window attention | sliding-window attention
grouped-query attention | grouped query attention
multi-query attention | multi query attention
FlashAttention | Flash Attention | FlashAttention-2 | FlashAttention2 | FlashAttention-3 | flash attention
PagedAttention | vLLM
Mixture of Experts | MoE | mixture-of-experts | mixture of experts | Mixture-of-Experts | MoEs
Switch Transformer | Switch Transformers
GShard
=RoPE | rotary position embedding | rotary position embeddings | Rotary Position Embedding | rotary positional embedding | rotary positional embeddings | rotary embeddings
ALiBi | =ALIBI
=YaRN
RMSNorm
SwiGLU
GELU
ReLU | rectified linear unit | rectified linear units | ReLUs
Leaky ReLU | LeakyReLU
SiLU | =Swish
residual connection | residual connections | skip connection | skip connections | shortcut connections
Pointer Network | Pointer Networks | pointer network | pointer networks | Ptr-Net
Pointer-Generator | pointer-generator network | Pointer-Generator Network | pointer-generator
CopyNet | copy mechanism
ConvS2S
ByteNet
WaveNet
Tacotron
Tacotron 2 | Tacotron2
FastSpeech
FastSpeech 2 | FastSpeech2
HiFi-GAN | HiFiGAN
WaveGlow
MelGAN
VALL-E
=Whisper | OpenAI Whisper
wav2vec | wav2vec 2.0 | Wav2Vec 2.0 | wav2vec2 | Wav2Vec2 | wav2vec2.0 | Wav2vec 2.0
HuBERT
WavLM
data2vec
=Conformer
Deep Speech | DeepSpeech | Deep Speech 2 | DeepSpeech2
CTC | connectionist temporal classification | Connectionist Temporal Classification
RNN-T | RNN Transducer | RNN-Transducer
EnCodec
SoundStream
AudioLM
MusicGen
AudioLDM
=CLAP
# --- classical ML and IR
SVM | SVMs | support vector machine | support vector machines | Support Vector Machine
logistic regression | Logistic Regression
random forest | random forests | Random Forest
gradient boosting | gradient boosted trees | Gradient Boosting | GBDT
XGBoost
LightGBM
CatBoost
decision tree | decision trees
k-nearest neighbors | k-NN | kNN | KNN | k-nearest neighbours | k nearest neighbors | K-nearest neighbors
naive Bayes | Naive Bayes | Naïve Bayes
k-means | K-means | k-means clustering | K-Means
PCA | principal component analysis | Principal Component Analysis
t-SNE | tSNE
UMAP
LDA | latent Dirichlet allocation | Latent Dirichlet Allocation
CRF | CRFs | conditional random field | conditional random fields | Conditional Random Field | Conditional Random Fields
HMM | HMMs | hidden Markov model | hidden Markov models | Hidden Markov Model
Gaussian process | Gaussian processes | GP regression
Bayesian optimization
MCMC | Markov chain Monte Carlo
EM algorithm | expectation-maximization | expectation maximization | Expectation-Maximization
AdaBoost
linear regression
=Lasso
SVD | singular value decomposition
matrix factorization
collaborative filtering
BM25 | Okapi BM25
TF-IDF | tf-idf | TFIDF
Kneser-Ney
# --- training techniques, optimisation, efficiency
SGD | stochastic gradient descent | Stochastic Gradient Descent
=Adam
AdamW
Adagrad | AdaGrad
RMSProp | RMSprop
=LAMB
=Lion
Adafactor
=Muon
dropout | Dropout
DropConnect
stochastic depth | DropPath | drop path
batch normalization | BatchNorm | batch norm | Batch Normalization | batch normalisation
layer normalization | LayerNorm | layer norm | Layer Normalization
group normalization | GroupNorm | Group Normalization
instance normalization | InstanceNorm
weight decay
label smoothing
mixup | Mixup
CutMix
Cutout | cutout
RandAugment
AutoAugment
data augmentation
knowledge distillation | KD | Knowledge Distillation | knowledge-distillation
early stopping
gradient clipping
mixed-precision training | mixed precision training | mixed precision | mixed-precision
gradient checkpointing | activation checkpointing
=ZeRO
FSDP | Fully Sharded Data Parallel
DeepSpeed
Megatron-LM | Megatron
speculative decoding
GPTQ
AWQ
SmoothQuant
QLoRA
DoRA
prefix tuning | prefix-tuning | Prefix-Tuning | Prefix Tuning
prompt tuning | Prompt Tuning
P-tuning | P-Tuning | P-tuning v2
BitFit
adapter tuning | Adapter tuning
SparseGPT
=Wanda
Sharpness-Aware Minimization | sharpness-aware minimization
beam search | Beam Search
nucleus sampling | top-p sampling
top-k sampling
# --- LLM training and inference techniques
RLHF | reinforcement learning from human feedback | Reinforcement Learning from Human Feedback
RLAIF
DPO | Direct Preference Optimization | direct preference optimization | Direct Preference Optimisation
PPO | Proximal Policy Optimization | proximal policy optimization
GRPO | Group Relative Policy Optimization | group relative policy optimization
DAPO
KTO
ORPO
SimPO
IPO
=REINFORCE
RLOO
Constitutional AI
instruction tuning | instruction-tuning | instruction fine-tuning | instruction-tuned | Instruction Tuning
supervised fine-tuning | SFT | supervised finetuning | Supervised Fine-Tuning | supervised fine tuning
chain-of-thought | CoT | chain of thought | Chain-of-Thought | chain-of-thought prompting | Chain-of-Thought prompting | CoT prompting | chain-of-thought reasoning
self-consistency | Self-Consistency
Tree of Thoughts | tree-of-thoughts | Tree-of-Thoughts | tree of thoughts
=ReAct
Reflexion
Toolformer
retrieval-augmented generation | RAG | Retrieval-Augmented Generation | retrieval augmented generation | Retrieval Augmented Generation
in-context learning | ICL | In-Context Learning | in context learning
Self-Instruct | self-instruct
Self-Refine
least-to-most prompting
=STaR
process reward model | PRM | process reward models | PRMs | Process Reward Model
outcome reward model | ORM | outcome reward models
Monte Carlo Tree Search | MCTS | Monte-Carlo Tree Search | Monte Carlo tree search
Best-of-N | best-of-N sampling | BoN
model merging
DPR | Dense Passage Retrieval | Dense Passage Retriever
ColBERT
ColBERTv2
Contriever
SPLADE
ANCE
E5
BGE
Sentence-BERT | SBERT | SentenceBERT
SimCSE
InfoNCE
triplet loss
contrastive learning | Contrastive Learning | contrastive pre-training | contrastive pretraining
focal loss | Focal Loss
=REALM
=RETRO
Fusion-in-Decoder | FiD
kNN-LM
BPE | byte-pair encoding | Byte Pair Encoding | byte pair encoding | Byte-Pair Encoding
WordPiece
SentencePiece
# --- reinforcement learning
reinforcement learning | Reinforcement Learning | RL
deep reinforcement learning | deep RL | Deep Reinforcement Learning | DRL
offline reinforcement learning | offline RL | Offline RL | offline reinforcement-learning
multi-agent reinforcement learning | MARL | multi-agent RL
model-based reinforcement learning | model-based RL
inverse reinforcement learning | IRL
imitation learning | Imitation Learning
behavior cloning | behavioral cloning | BC | behaviour cloning | Behavior Cloning
DQN | Deep Q-Network | deep Q-network | Deep Q-Networks | deep Q-networks
Double DQN | DDQN
Dueling DQN
=Rainbow
A3C
A2C
TRPO | Trust Region Policy Optimization
DDPG
TD3
SAC | Soft Actor-Critic | soft actor-critic
CQL | Conservative Q-Learning
IQL | Implicit Q-Learning
BCQ
Decision Transformer
Trajectory Transformer
GAIL
AlphaGo
AlphaGo Zero
AlphaZero
MuZero
AlphaFold | AlphaFold2 | AlphaFold 2
AlphaFold 3 | AlphaFold3
ESM-2 | ESM2
ESMFold
RoseTTAFold
AlphaCode
AlphaStar
=Dreamer | DreamerV2 | DreamerV3
Q-learning | Q-Learning
SARSA
policy gradient | policy gradients | Policy Gradient
actor-critic | Actor-Critic | actor critic
model predictive control | MPC | Model Predictive Control
RT-1
RT-2
=Octo
OpenVLA
Diffusion Policy
π0 | pi0 | π_0
=Gato
# --- graphs and recommendation
GNN | GNNs | graph neural network | graph neural networks | Graph Neural Network | Graph Neural Networks
GCN | GCNs | graph convolutional network | graph convolutional networks | Graph Convolutional Network | Graph Convolutional Networks
GAT | graph attention network | graph attention networks | Graph Attention Network | Graph Attention Networks
GraphSAGE
GIN | Graph Isomorphism Network | graph isomorphism network
ChebNet
MPNN | message passing neural network | message passing neural networks
SchNet
DimeNet | DimeNet++
EGNN
Graphormer
GraphGPS
node2vec
DeepWalk
TransE
TransR
DistMult
=ComplEx
=RotatE
ConvE
=TuckER
R-GCN | RGCN
LightGCN
NGCF
SASRec
BERT4Rec
GRU4Rec
DeepFM
Wide & Deep
NCF | Neural Collaborative Filtering
# --- time series
=Informer
Autoformer
FEDformer
PatchTST
TimesNet
DLinear
iTransformer
N-BEATS
N-HiTS
DeepAR
Temporal Fusion Transformer | TFT
ARIMA
=Prophet
TimesFM
=Chronos
Lag-Llama
# --- classic NLP neural models
MLP | MLPs | multilayer perceptron | multi-layer perceptron | multilayer perceptrons | Multi-Layer Perceptron
BiDAF | Bi-Directional Attention Flow | BIDAF
R-Net
QANet
DrQA
Match-LSTM | match-LSTM
ESIM
InferSent
Skip-Thought | skip-thought vectors | Skip-Thought Vectors
Doc2Vec | doc2vec | Paragraph Vector | paragraph vectors
TextCNN
CharCNN | char-CNN
HAN | Hierarchical Attention Network | hierarchical attention network
Memory Networks | memory networks | MemNN
End-to-End Memory Networks | MemN2N
Neural Turing Machine | NTM | Neural Turing Machines
Capsule Network | CapsNet | capsule networks | Capsule Networks
Neural ODE | neural ODEs | Neural ODEs | Neural Ordinary Differential Equations
# --- learning paradigms (how a model is trained)
transfer learning | Transfer Learning
self-supervised learning | Self-Supervised Learning | self supervised learning | SSL
semi-supervised learning | Semi-Supervised Learning
meta-learning | Meta-Learning | meta learning
federated learning | Federated Learning | FL
active learning | Active Learning
curriculum learning | Curriculum Learning
multi-task learning | Multi-Task Learning | multitask learning
adversarial training | Adversarial Training
MAML | Model-Agnostic Meta-Learning | model-agnostic meta-learning
Prototypical Networks | prototypical networks | ProtoNet
"""
TASKS = r"""
# --- language
language modeling | language modelling
masked language modeling | MLM | masked language modelling | masked LM
causal language modeling | autoregressive language modeling | next-token prediction | next token prediction
machine translation | neural machine translation | NMT | Machine Translation
multilingual machine translation | multilingual translation
unsupervised machine translation
document-level machine translation | document-level translation
speech translation | speech-to-text translation | speech-to-speech translation
simultaneous translation | simultaneous machine translation
summarization | summarisation | text summarization | Text Summarization | document summarization
abstractive summarization | abstractive text summarization
extractive summarization | extractive text summarization
multi-document summarization
dialogue summarization | dialog summarization | meeting summarization
question answering | QA | Question Answering | question-answering
open-domain question answering | open-domain QA | ODQA | open domain question answering
extractive question answering | extractive QA
multi-hop question answering | multi-hop QA | multi-hop reasoning | multihop question answering
knowledge base question answering | KBQA | knowledge-base question answering | KB-QA | question answering over knowledge bases
conversational question answering | conversational QA
long-form question answering | long-form QA
reading comprehension | machine reading comprehension | MRC | Reading Comprehension
commonsense reasoning | common sense reasoning | commonsense question answering
mathematical reasoning | math reasoning | math word problem solving | math word problems | mathematical problem solving
arithmetic reasoning
logical reasoning
symbolic reasoning
multi-step reasoning
code generation | Code Generation | code synthesis
program synthesis | Program Synthesis
code completion
code summarization
code search
code translation
program repair | automated program repair | code repair
vulnerability detection
text-to-SQL | Text-to-SQL | NL2SQL | text2sql
SQL parsing
semantic parsing | Semantic Parsing
AMR parsing
dependency parsing | Dependency Parsing
constituency parsing | constituency-based parsing
syntactic parsing
named entity recognition | NER | Named Entity Recognition | named-entity recognition
nested named entity recognition | nested NER
entity linking | Entity Linking | named entity disambiguation
entity typing | fine-grained entity typing
relation extraction | relationship extraction | relation classification | Relation Extraction
document-level relation extraction
joint entity and relation extraction
event extraction | Event Extraction
open information extraction | OpenIE | Open IE
information extraction | Information Extraction
coreference resolution | Coreference Resolution | coreference | entity coreference resolution
semantic role labeling | SRL | semantic role labelling | Semantic Role Labeling
part-of-speech tagging | POS tagging | part of speech tagging | Part-of-Speech Tagging | POS-tagging
chunking | text chunking
sequence labeling | sequence labelling | sequence tagging
word segmentation | Chinese word segmentation | CWS
CCG supertagging | supertagging
lemmatization
morphological analysis
natural language inference | NLI | Natural Language Inference | recognizing textual entailment | textual entailment
natural language understanding | NLU | Natural Language Understanding
natural language generation | NLG | Natural Language Generation
text generation | Text Generation
long text generation
controllable text generation
story generation
data-to-text generation | data-to-text
table-to-text generation | table-to-text
text classification | Text Classification
document classification
topic classification
sentiment analysis | Sentiment Analysis | sentiment classification
aspect-based sentiment analysis | ABSA | aspect based sentiment analysis | aspect-level sentiment classification
multimodal sentiment analysis
emotion recognition | emotion classification
multimodal emotion recognition
stance detection
fake news detection
hate speech detection
toxicity detection
sarcasm detection
paraphrase identification | paraphrase detection
paraphrase generation
semantic textual similarity | STS | Semantic Textual Similarity
word sense disambiguation | WSD | Word Sense Disambiguation
dialogue state tracking | DST | dialog state tracking | Dialogue State Tracking
dialogue generation | dialog generation | response generation
dialogue act classification | dialog act classification | dialogue act recognition
intent detection | intent classification
slot filling
task-oriented dialogue | task-oriented dialog
open-domain dialogue | open-domain dialog
dialogue systems | dialogue system | dialog systems
response selection | retrieval-based chatbot | retrieval-based chatbots
grammatical error correction | GEC | Grammatical Error Correction
spelling correction
lexical normalization
text simplification
text style transfer
keyphrase extraction | keyphrase generation
topic modeling | topic modelling
question generation
cross-lingual transfer
language identification
transliteration
temporal information extraction
timex normalization | timex normalisation
taxonomy learning | taxonomy induction
relation prediction
link prediction | Link Prediction
knowledge graph completion | KGC | knowledge base completion
knowledge graph embedding
fact verification | fact checking | fact-checking | claim verification
hallucination detection
instruction following
long-context modeling | long-context understanding | long context modeling
tool use | tool learning | tool calling
function calling
text embedding
sentence embedding
information retrieval | Information Retrieval
document retrieval
passage retrieval
passage re-ranking | passage reranking | re-ranking | reranking
dense retrieval
text retrieval
cross-lingual retrieval
# --- speech and audio
automatic speech recognition | ASR | speech recognition | Speech Recognition | Automatic Speech Recognition
text-to-speech | TTS | text-to-speech synthesis | speech synthesis | Text-to-Speech
speaker verification
speaker identification
speaker recognition
speaker diarization | diarization
speech enhancement
speech separation
source separation | music source separation | audio source separation
voice conversion
keyword spotting
spoken language understanding | SLU
audio classification
sound event detection
audio captioning
music generation
text-to-audio generation | text-to-audio
audio generation
music transcription
voice activity detection
# --- vision
image classification | Image Classification | image recognition
fine-grained image classification | fine-grained classification | fine-grained recognition | fine-grained visual classification
object detection | Object Detection
3D object detection | 3D detection
open-vocabulary object detection | open-vocabulary detection | open vocabulary detection
salient object detection
camouflaged object detection
object tracking | visual object tracking | single object tracking
multi-object tracking | MOT | multiple object tracking | multi-object tracking and segmentation
semantic segmentation | Semantic Segmentation
instance segmentation | Instance Segmentation
panoptic segmentation | Panoptic Segmentation
image segmentation
video object segmentation | VOS
video semantic segmentation
referring expression segmentation | referring image segmentation | referring segmentation
referring expression comprehension | REC
open-vocabulary segmentation | open-vocabulary semantic segmentation
medical image segmentation
interactive segmentation
pose estimation | human pose estimation | Human Pose Estimation | 2D human pose estimation
3D human pose estimation
hand pose estimation
6D pose estimation | object pose estimation | 6D object pose estimation
human mesh recovery
depth estimation | monocular depth estimation | Monocular Depth Estimation | depth prediction
stereo matching
multi-view stereo | MVS
optical flow estimation | optical flow
scene flow estimation
visual odometry
SLAM | simultaneous localization and mapping | visual SLAM
3D reconstruction
surface reconstruction
novel view synthesis | NVS | view synthesis
image generation | Image Generation | image synthesis
unconditional image generation
conditional image generation
class-conditional image generation
text-to-image generation | text-to-image synthesis | T2I | text-to-image | Text-to-Image Generation
image-to-image translation | image translation
image editing
text-guided image editing | instruction-based image editing | text-driven image editing
subject-driven generation | personalized image generation | subject-driven image generation
image inpainting | inpainting
image outpainting | outpainting
image super-resolution | super-resolution | single image super-resolution | SISR | Super-Resolution
video super-resolution
image denoising
image deblurring | deblurring | motion deblurring
image dehazing | dehazing
image deraining | deraining
low-light image enhancement | low-light enhancement
image restoration
image compression
video compression
image captioning | Image Captioning | captioning
dense captioning
video captioning
image retrieval
image-text retrieval | cross-modal retrieval | image-text matching | text-image retrieval
text-to-video retrieval | text-video retrieval | video-text retrieval | video retrieval
visual question answering | VQA | Visual Question Answering
video question answering | VideoQA | video QA
visual grounding | phrase grounding
visual reasoning
visual commonsense reasoning
optical character recognition | OCR | text recognition | scene text recognition | STR
scene text detection | text detection
document understanding | document image understanding
document layout analysis | layout analysis
handwriting recognition | handwritten text recognition
face recognition | face verification
face detection
facial expression recognition
face alignment
person re-identification | re-identification | ReID | Re-ID | re-ID | person ReID
action recognition | human action recognition | Action Recognition
temporal action localization | temporal action detection | action localization | action detection
action segmentation | temporal action segmentation
video classification
video understanding
video generation | Video Generation
text-to-video generation | text-to-video | T2V | text-to-video synthesis
image-to-video generation | image-to-video | I2V
video prediction
video frame interpolation | frame interpolation
video editing
3D generation | 3D content generation
text-to-3D generation | text-to-3D | text-to-3D synthesis
image-to-3D generation | image-to-3D | single-image 3D reconstruction
point cloud classification
point cloud segmentation
point cloud completion
point cloud registration
3D semantic segmentation
anomaly detection | Anomaly Detection
industrial anomaly detection | image anomaly detection | visual anomaly detection
video anomaly detection
out-of-distribution detection | OOD detection | out-of-distribution (OOD) detection
change detection
crowd counting
object counting
keypoint detection
feature matching | image matching
visual place recognition
visual localization
camera pose estimation
image quality assessment | IQA
neural style transfer | style transfer
image colorization | colorization
image matting
motion generation | text-to-motion generation | text-to-motion | human motion generation
human motion prediction | motion prediction
trajectory prediction | trajectory forecasting | motion forecasting
autonomous driving
lane detection
occupancy prediction | 3D occupancy prediction
vision-and-language navigation | VLN | vision-language navigation
visual navigation | object navigation | ObjectNav | point-goal navigation
robotic manipulation | robot manipulation
robotic grasping | grasp detection
embodied question answering
# --- multimodal, agents, safety, efficiency
multimodal understanding
web navigation
GUI agents | GUI navigation
theorem proving | automated theorem proving | formal theorem proving
autoformalization
reward modeling | reward modelling
machine unlearning
membership inference | membership inference attack | membership inference attacks
adversarial attack | adversarial attacks
backdoor attack | backdoor attacks
jailbreak attack | jailbreak attacks | jailbreaking
neural architecture search | NAS | Neural Architecture Search
hyperparameter optimization | hyperparameter tuning
model compression
network pruning | model pruning
# --- learning settings (defined by the data available)
few-shot learning | Few-Shot Learning | few shot learning
few-shot image classification | few-shot classification
zero-shot learning | Zero-Shot Learning | zero shot learning
zero-shot classification | zero-shot image classification
continual learning | Continual Learning | lifelong learning | incremental learning
class-incremental learning
domain adaptation | Domain Adaptation | unsupervised domain adaptation | UDA
domain generalization | Domain Generalization
long-tailed recognition | long-tailed classification | long-tail recognition
open-set recognition
representation learning | Representation Learning
metric learning | deep metric learning
# --- graphs, science, time series, recommendation
node classification | Node Classification
graph classification | Graph Classification
graph regression
community detection
graph generation
molecular property prediction
molecule generation | molecular generation
protein structure prediction
protein design
drug discovery
drug-target interaction prediction
entity alignment
recommendation | recommender systems | recommendation systems
sequential recommendation
click-through rate prediction | CTR prediction
traffic forecasting | traffic prediction
time series forecasting | time-series forecasting | Time Series Forecasting | long-term time series forecasting | multivariate time series forecasting | long-term forecasting
time series classification | time-series classification
time series anomaly detection
time series imputation
weather forecasting
causal discovery
causal inference
symbolic regression
density estimation
continuous control
motion planning
path planning
"""
METRICS = r"""
accuracy | Accuracy | classification accuracy | test accuracy | validation accuracy | =Acc | =Acc. | =acc | =acc. | average accuracy | Avg Accuracy | mean accuracy | overall accuracy
top-1 accuracy | Top-1 accuracy | top-1 acc | Top-1 Acc | =!Top-1 | =!top-1 | =!Top1 | =!top1 | top1 accuracy | Top1 accuracy | top-1 acc. | Top-1 Acc.
top-5 accuracy | Top-5 accuracy | top-5 acc | =!Top-5 | =!top-5 | =!Top5 | =!top5 | top5 accuracy
top-1 error | Top-1 error | top-1 error rate | top1 error
top-5 error | Top-5 error | top-5 error rate
zero-shot accuracy
linear probing accuracy | linear probe accuracy | linear evaluation accuracy
balanced accuracy
matched accuracy | MNLI-m accuracy
mismatched accuracy | MNLI-mm accuracy
robust accuracy | adversarial accuracy
certified accuracy
clean accuracy
joint goal accuracy | JGA | joint accuracy | Joint Goal Accuracy
error rate | test error | classification error | error rates
F1 | F1 score | F1-score | F1-Score | F1 Score | F1-measure | F1 measure | F-measure | F-score | F-Score | F1-value | Avg F1 | average F1
macro-F1 | macro F1 | Macro-F1 | Macro F1 | macro-averaged F1 | macro F1-score | Ma-F1
micro-F1 | micro F1 | Micro-F1 | Micro F1 | micro-averaged F1 | Mi-F1
weighted F1 | weighted-F1 | weighted F1-score
F0.5 | F0.5 score | F_0.5
token-level F1 | token F1
span F1 | span-level F1
N-gram F1
precision | Precision | micro-precision | Micro-Precision
recall | Recall
AUC | ROC-AUC | AUROC | AUC-ROC | ROC AUC | area under the ROC curve | area under the curve | Area Under the Curve
AUPRC | PR-AUC | AUC-PR | AUPR | area under the precision-recall curve
EM | exact match | Exact Match | exact-match | Exact-Match | exact match accuracy
BLEU | =Bleu
BLEU-1 | BLEU1 | B@1
BLEU-4 | BLEU4 | B@4
SacreBLEU | sacreBLEU | sacreBleu
chrF | chrF++ | ChrF | CHRF
=TER | Translation Edit Rate | translation error rate
=METEOR | Meteor
ROUGE | =Rouge
ROUGE-1 | ROUGE1 | !R-1 | Rouge-1 | ROUGE-1 F1
ROUGE-2 | ROUGE2 | !R-2 | Rouge-2
ROUGE-L | ROUGEL | ROUGE-Lsum | Rouge-L | R-L | ROUGE-LSum
=CIDEr | CIDEr-D | =CIDER
=SPICE
BERTScore | BERT-Score | BERTscore
BLEURT
=COMET | COMET-22
MAUVE
GLEU
Smatch | SMATCH
UAS | unlabeled attachment score | unlabelled attachment score
LAS | labeled attachment score | labelled attachment score
perplexity | PPL | Perplexity | test perplexity | validation perplexity | perplexities
bits per character | BPC | bits-per-character | bits per char | Bit per Character
bits per dimension | bits/dim | BPD | bits-per-dimension | bits/dimension
bits per byte | BPB | bits-per-byte
negative log-likelihood | NLL | negative log likelihood | Negative Log-Likelihood
log-likelihood | log likelihood
ELBO | evidence lower bound
WER | word error rate | Word Error Rate | word error rates
CER | character error rate | Character Error Rate
phoneme error rate | phone error rate
EER | equal error rate | Equal Error Rate
DER | diarization error rate
MOS | mean opinion score | Mean Opinion Score
UTMOS
SI-SNR | SI-SNRi | scale-invariant signal-to-noise ratio
SI-SDR | SI-SDRi | scale-invariant signal-to-distortion ratio
SDR | signal-to-distortion ratio | SDRi
PESQ
STOI
MCD | mel-cepstral distortion | mel cepstral distortion
mAP | mean average precision | =MAP | Mean Average Precision | mAP@0.5:0.95 | mAP@[.5:.95] | mAP@[.5,.95] | mAP@.5:.95
AP | average precision | Average Precision | AP@[.5:.95] | AP@[0.5:0.95]
AP50 | AP_50 | AP@0.5 | AP@50 | mAP@0.5 | mAP50 | mAP@50 | AP_{50} | mAP@.5 | AP@.5 | mAP50 score | AP$_{50}$
AP75 | AP_75 | AP@0.75 | AP@75 | mAP@0.75 | mAP75 | AP_{75} | AP$_{75}$
=APs | =AP_S | =AP_s | AP small
=APm | =AP_M | =AP_m | AP medium
=APl | =AP_L | =AP_l | AP large
box AP | =AP^box | =APbox | =AP_box | =AP^{box} | bbox AP | box mAP | =AP^b | =AP_b | =AP$^{box}$ | =AP$^\text{box}$ | bounding box AP
mask AP | =AP^mask | =APmask | =AP_mask | =AP^{mask} | mask mAP | =AP^m | =AP$^{mask}$ | =AP$^\text{mask}$
AR@100 | AR100 | AR_100
average recall
mAP@R | MAP@R
mIoU | mean IoU | mean Intersection over Union | mean intersection-over-union | MIoU | mean intersection over union | mIOU | mean Intersection-over-Union
IoU | intersection over union | Intersection over Union | intersection-over-union | IOU | Jaccard index
PQ | panoptic quality | Panoptic Quality
Dice | Dice coefficient | Dice score | Dice similarity coefficient | DSC
Hausdorff distance | HD95 | 95% Hausdorff distance
PSNR | peak signal-to-noise ratio | Peak Signal-to-Noise Ratio | peak signal to noise ratio
SSIM | structural similarity | structural similarity index | Structural Similarity | structural similarity index measure
MS-SSIM | multi-scale SSIM
LPIPS
FID | Fréchet Inception Distance | Frechet Inception Distance | FID-50K | FID50K | Fréchet inception distance
sFID
KID | Kernel Inception Distance
Inception Score | Inception score | inception score
FVD | Fréchet Video Distance | Frechet Video Distance
CLIP score | CLIPScore | CLIP-Score | CLIP Score | CLIP-S | CLIPScore metric
=CLIP-I
=CLIP-T
=DINO score
ImageReward
PickScore
HPSv2 | HPS v2 | Human Preference Score | HPS
VQAScore
Aesthetic Score | aesthetic score
NDCG | nDCG | normalized discounted cumulative gain | Normalized Discounted Cumulative Gain
NDCG@10 | nDCG@10 | NDCG @10
MRR | mean reciprocal rank | Mean Reciprocal Rank
MRR@10 | MRR @10
Recall@1 | R@1 | recall@1
Recall@5 | R@5 | recall@5
Recall@10 | R@10 | recall@10
Recall@100 | R@100 | recall@100
Recall@K | R@K | recall@k | Recall@k
R_10@1 | R10@1 | R_2@1 | R2@1 | R_10@2 | R_10@5
Hits@1 | H@1 | Hit@1 | Hits @1 | hits@1
Hits@3 | H@3 | Hit@3
Hits@10 | H@10 | Hit@10 | Hits @10 | HR@10 | hits@10
P@1 | Precision@1 | precision@1
P@5 | Precision@5 | precision@5
P@10 | Precision@10 | precision@10
pass@1 | Pass@1 | pass@ 1 | Pass @1
pass@k | Pass@k | pass@10 | Pass@10 | pass@100 | Pass@100 | pass@5
maj@k | maj@64 | cons@64 | maj@32
win rate | win-rate | Win Rate | winrate | win rates
length-controlled win rate | LC win rate | LC Win Rate | length-controlled (LC) win rate | LC WR
Elo | ELO
success rate | Success Rate | task success rate | success rates
SPL | success weighted by path length
attack success rate | Attack Success Rate | attack success rates
ECE | expected calibration error | Expected Calibration Error
Brier score
MSE | mean squared error | Mean Squared Error | mean square error
RMSE | root mean squared error | Root Mean Squared Error | root mean square error
MAE | mean absolute error | Mean Absolute Error
MAPE | mean absolute percentage error
sMAPE | SMAPE
MASE
CRPS | continuous ranked probability score
R^2 | R2 score | coefficient of determination | R-squared
Pearson correlation | Pearson's r | Pearson correlation coefficient | Pearson Correlation | Pearson's correlation | Pearson coefficient
Spearman correlation | Spearman's rank correlation | Spearman's rho | Spearman's ρ | Spearman rank correlation | Spearman's correlation | Spearman correlation coefficient
Kendall's tau | Kendall tau | Kendall's τ | Kendall τ | Kendall correlation
Matthews correlation coefficient | MCC | Matthews correlation | Matthew's correlation
Cohen's kappa | Cohen kappa
Abs Rel | AbsRel | absolute relative error | Abs.Rel | AbsRel error
EPE | end-point error | endpoint error | end point error | average end-point error | AEPE
Fl-all
Chamfer distance | Chamfer Distance | chamfer distance
Earth Mover's Distance | EMD | earth mover's distance
MPJPE | mean per joint position error | mean per-joint position error
PA-MPJPE | P-MPJPE
PCK | PCKh | PCKh@0.5 | PCK@0.2
ATE | absolute trajectory error | Absolute Trajectory Error
ADE | average displacement error | Average Displacement Error
FDE | final displacement error | Final Displacement Error
minADE
minFDE
MOTA
MOTP
IDF1
HOTA
NDS | nuScenes detection score | nuScenes Detection Score
mAPH
average return | episodic return | mean return | average episodic return | cumulative reward | average reward
human-normalized score | human normalized score | human-normalised score | HNS | Human Normalized Score | normalized score | normalized return
FLOPs | FLOPS | GFLOPs | GFLOPS | TFLOPs | TFLOPS | floating point operations | FLOP count | #FLOPs | GFlops | FLOPs count
MACs | multiply-accumulate operations | GMACs
number of parameters | #params | #Params | parameter count | # params | number of trainable parameters | Number of params
latency | inference latency | Latency | end-to-end latency
throughput | Throughput | inference throughput
FPS | frames per second | fps | frame rate
tokens per second | tokens/s | tokens/sec | token/s
speedup | Speedup | !speed-up
memory footprint | memory usage | peak memory | GPU memory
Distinct-1 | Dist-1 | distinct-1
Distinct-2 | Dist-2 | distinct-2
Self-BLEU | self-BLEU
=CHAIR | CHAIRi | CHAIRs
temporal awareness | Temporal awareness
weighted accuracy | WAA | Weighted Accuracy
unweighted accuracy | unweighted average recall | UAR
"""
# Never entities, whatever a rule or a statistical component proposes. Compared lower-cased with
# the whole entity text. Generic classes of models (LLM, VLM, DNN, "language model") are here on
# purpose: they name a category, not a method, and would otherwise become hubs of the graph.
STOPLIST = r"""
SOTA | SoTA | state-of-the-art | state of the art | state-of-the-arts
GPU | GPUs | CPU | CPUs | TPU | TPUs | NPU | A100 | H100 | V100 | A100 GPUs | H100 GPUs
API | APIs | SDK
AI | AGI | ML | NLP | CV | IR | HCI | XAI | GenAI | Generative AI | artificial intelligence | machine learning | deep learning | computer vision | natural language processing
LLM | LLMs | large language model | large language models | Large Language Models | Large Language Model | language model | language models | LM | LMs
MLLM | MLLMs | multimodal large language model | multimodal large language models | Multimodal Large Language Models
VLM | VLMs | vision-language model | vision-language models | vision language model | vision language models | Vision-Language Models
LVLM | LVLMs | LMM | LMMs | large multimodal model | large multimodal models | large vision-language model | large vision-language models
VLA | VLAs | vision-language-action model | vision-language-action models
foundation model | foundation models | Foundation Models | generative model | generative models
DNN | DNNs | deep neural network | deep neural networks | neural network | neural networks | NN | NNs | ANN | deep model | deep models
model | models | method | methods | approach | approaches | framework | frameworks | baseline | baselines | system | systems | algorithm | algorithms | architecture | architectures
dataset | datasets | data set | data sets | benchmark | benchmarks | task | tasks | metric | metrics | performance | results | experiments | evaluation
et al | et al. | Fig | Fig. | Figure | Table | Section | Appendix | Eq | Eq. | Equation | Abstract | Introduction | Conclusion | Related Work
arXiv | GitHub | Github | Hugging Face | HuggingFace | PyTorch | TensorFlow | JAX | CUDA | Python | C++ | Java | URL | HTTP | HTTPS | PDF | JSON | HTML | LaTeX | YouTube | Twitter | Wikipedia
OpenAI | Google | Google DeepMind | DeepMind | Google Research | Google Brain | Meta | Meta AI | FAIR | Microsoft | Microsoft Research | NVIDIA | Nvidia | Anthropic | Apple | Amazon | AWS | Alibaba | Tencent | ByteDance | Baidu | Huawei | IBM | Salesforce | Stanford | MIT | CMU | Berkeley | Tsinghua | Allen AI | AI2
Daily Papers | Subscribe | upvote | upvotes | authors | new
ICLR | ICML | NeurIPS | NIPS | CVPR | ICCV | ECCV | WACV | BMVC | ACL | EMNLP | NAACL | EACL | COLING | AAAI | IJCAI | KDD | SIGIR | WSDM | ICASSP | Interspeech | INTERSPEECH | MICCAI | ICRA | IROS | IEEE | ACM | Springer | Elsevier | Proc | Proceedings | Copyright
GTX | RTX | Titan X | TITAN X | Tesla | Jetson
WE | OUR | THE | AND | FOR | WITH | THIS | ALL | OF | IN | ON | TO | IS | ARE | CAN | NOT
II | III | IV | VI | VII | VIII | IX | XI | XII
January | February | March | April | May | June | July | August | September | October | November | December | Jan | Feb | Mar | Apr | Jun | Jul | Aug | Sep | Sept | Oct | Nov | Dec
GB | MB | KB | TB | GHz | MHz | kHz | Hz | ms | hrs | mins | TFLOP | PFLOP | kWh
K | M | B | T | x | X
RGB | RGB-D | LiDAR | LIDAR | CT | MRI | fMRI | EEG | ECG | X-ray | IoT | VR | XR | AR/VR
OOD | ID | IID | i.i.d. | SOTAs | TL;DR | Q&A | FAQ | USA | US | UK | EU | PhD
2D | 3D | 4D | 1D
full precision | full-precision | low precision | low-precision | high precision | high-precision | half precision | half-precision | numerical precision | arbitrary precision | single precision | double precision
"""
EXAMPLES = {
    "Dataset": [
        ("We report top-1 accuracy on ImageNet-1K and CIFAR10 in all tables.", [("Dataset", "ImageNet-1K"), ("Dataset", "CIFAR-10")]),
        ("Our detector reaches 52.1 box AP on COCO test-dev after pre-training on Objects365.", [("Dataset", "COCO test-dev"), ("Dataset", "Objects365")]),
        ("The segmentation head is evaluated on ADE20K, Cityscapes and VOC 2012 val.", [("Dataset", "ADE20K"), ("Dataset", "Cityscapes"), ("Dataset", "PASCAL VOC 2012")]),
        ("On SQuAD 2.0 and Natural Questions the reader gains two points of exact match.", [("Dataset", "SQuAD 2.0"), ("Dataset", "Natural Questions")]),
        ("We train on WMT 2014 English-German and also test language modelling on WikiText103 with the same code.", [("Dataset", "WMT14 En-De"), ("Dataset", "WikiText-103")]),
        ("Word error rates on LibriSpeech test-other drop by ten percent relative.", [("Dataset", "LibriSpeech test-other")]),
        ("Experiments on Cora, CiteSeer and ogbn-arxiv show consistent gains.", [("Dataset", "Cora"), ("Dataset", "Citeseer"), ("Dataset", "ogbn-arxiv")]),
        ("The model scores 85.2 on MMLU, 92.0 on GSM8K and solves most HumanEval problems.", [("Dataset", "MMLU"), ("Dataset", "GSM8K"), ("Dataset", "HumanEval")]),
        ("Zero-shot retrieval is reported on Kinetics 400 and MSRVTT clips.", [("Dataset", "Kinetics-400"), ("Dataset", "MSR-VTT")]),
        ("Summaries are produced for CNN/DailyMail and XSum articles.", [("Dataset", "CNN/Daily Mail"), ("Dataset", "XSum")]),
        ("The tagger is trained on the Penn Treebank and the CoNLL 2003 NER data.", [("Dataset", "Penn Treebank"), ("Dataset", "CoNLL-2003")]),
    ],
    "Metric": [
        ("We obtain an FID of 2.1 and an Inception Score of 250 for class-conditional samples.", [("Metric", "FID"), ("Metric", "Inception Score")]),
        ("The detector improves mAP by 3 points and AP50 by 4 points.", [("Metric", "mAP"), ("Metric", "AP50")]),
        ("Our parser attains 95.1 UAS and 93.4 LAS on the test split.", [("Metric", "UAS"), ("Metric", "LAS")]),
        ("The system lowers word error rate while BLEU and ROUGE-L stay unchanged.", [("Metric", "WER"), ("Metric", "BLEU"), ("Metric", "ROUGE-L")]),
        ("Reconstructions are compared in PSNR, SSIM and LPIPS.", [("Metric", "PSNR"), ("Metric", "SSIM"), ("Metric", "LPIPS")]),
        ("It reaches 84.3% top-1 accuracy at 4.5 GFLOPs per image.", [("Metric", "top-1 accuracy"), ("Metric", "FLOPs")]),
        ("Link prediction quality is measured by MRR and Hits@10 on both graphs.", [("Metric", "MRR"), ("Metric", "Hits@10")]),
        ("The assistant achieves 67% pass@1 and a 90% win rate against the baseline.", [("Metric", "pass@1"), ("Metric", "win rate")]),
        ("Segmentation improves by 2.3 mIoU and the F1-score rises as well.", [("Metric", "mIoU"), ("Metric", "F1")]),
    ],
    "Task": [
        ("We study image classification, object detection and semantic segmentation with one backbone.", [("Task", "image classification"), ("Task", "object detection"), ("Task", "semantic segmentation")]),
        ("The model handles named entity recognition and POS tagging jointly.", [("Task", "named entity recognition"), ("Task", "part-of-speech tagging")]),
        ("Our approach helps neural machine translation and abstractive summarization alike.", [("Task", "machine translation"), ("Task", "abstractive summarization")]),
        ("We address text-to-image generation and image inpainting with a single network.", [("Task", "text-to-image generation"), ("Task", "image inpainting")]),
        ("Experiments cover open-domain question answering and natural language inference.", [("Task", "open-domain question answering"), ("Task", "natural language inference")]),
        ("One encoder supports automatic speech recognition and speaker verification.", [("Task", "automatic speech recognition"), ("Task", "speaker verification")]),
        ("We evaluate the embeddings on node classification and link prediction.", [("Task", "node classification"), ("Task", "link prediction")]),
        ("The suite targets mathematical reasoning and code generation.", [("Task", "mathematical reasoning"), ("Task", "code generation")]),
        ("Character-level language modelling remains hard for small networks.", [("Task", "language modeling")]),
    ],
    "Method": [
        ("We fine-tune ResNet50 and ViT-B/16 backbones with AdamW for ten epochs.", [("Method", "ResNet-50"), ("Method", "ViT-B/16"), ("Method", "AdamW")]),
        ("The baseline combines a BiLSTM encoder with a CRF output layer.", [("Method", "BiLSTM"), ("Method", "CRF")]),
        ("Our model outperforms GPT-4 and Llama-2 on every split.", [("Method", "GPT-4"), ("Method", "Llama 2")]),
        ("We swap Faster RCNN for Mask R-CNN with a Swin Transformer backbone.", [("Method", "Faster R-CNN"), ("Method", "Mask R-CNN"), ("Method", "Swin Transformer")]),
        ("Training uses Adam, dropout and batch normalization throughout.", [("Method", "Adam"), ("Method", "dropout"), ("Method", "batch normalization")]),
        ("The policy is trained with PPO and compared against DQN agents.", [("Method", "PPO"), ("Method", "DQN")]),
        ("We attach LoRA modules to a frozen SDXL model.", [("Method", "LoRA"), ("Method", "Stable Diffusion XL")]),
        ("Chain-of-thought prompting and retrieval-augmented generation both help here.", [("Method", "chain-of-thought"), ("Method", "retrieval-augmented generation")]),
        ("A U-Net denoiser is trained as a DDPM on small images.", [("Method", "U-Net"), ("Method", "DDPM")]),
        ("Graph baselines include GCN, GAT and GraphSAGE models.", [("Method", "GCN"), ("Method", "GAT"), ("Method", "GraphSAGE")]),
    ],
    "stop": [
        ("Our SOTA system runs on a single GPU through a public API.", []),
        ("We thank OpenAI and Google for compute credits in March.", []),
        ("Modern LLMs and VLMs are widely used in NLP and AI products.", []),
    ],
}


BLOCKS = {"Dataset": DATASETS, "Method": METHODS, "Task": TASKS, "Metric": METRICS}

# --------------------------------------------------------------------------------------------
# NLP-TDMS knowledge base (../shared/gazetteers): cleaned names, merged with the lists above
# --------------------------------------------------------------------------------------------
# KB names that are not usable as patterns (too generic, ambiguous, or leaderboard columns)
KB_SKIP = {
    "Scholar", "Google Dataset", "AS", "Smaller Datasets", "Social media", "Advising",
    "Average Cross-Entropy on Dev", "Average Cross-Entropy on Test", "Sentiment (acc)",
    "Accuracy on Books", "F1 on Full", "Accuracy on RACE-h", "Accuracy on RACE-m", "Accuracy on RACE",
    "Unigram Acc", "Accuracy on Dev", "Request Accuracy", "Accuracy on DVD", "Laptop (acc)",
    "Restaurant (acc)", "Accuracy on Kitchen", "Accuracy on Electronics", "Accuracy on Average",
    "Accuracy on CNN", "Accuracy on Daily Mail", "Accuracy on Test", "F1 on Newswire",
    "F1 (surface form)", "Aspect (F1)", "F1 (Quasar-T)", "EM (Quasar-T)", "Question Split",
    "Query Split", "Acc ex", "POS", "CR", "Error", "P@10%", "P@30%",
}
# KB name -> name of the hand-written entry it belongs to (or a clean name of its own)
KB_RENAME = {
    "Long-tail emerging entities": "WNUT 2017",
    "Ubuntu Corpus": "Ubuntu Dialogue Corpus",
    "CNN / Daily Mail": "CNN/Daily Mail",
    "CNN / Daily Mail (Non-anonymized version)": "CNN/Daily Mail",
    "CNN / Daily Mail (Anonymized version)": "CNN/Daily Mail",
    "Wizard-of-Oz": "WOZ 2.0",
    "Second dialogue state tracking challenge": "DSTC2",
    "Hutter Prize": "enwik8",
    "1B Words / Google Billion Word benchmark": "One Billion Word",
    "benchmark Vietnamese dependency treebank VnDT": "VnDT",
    "Multi-Domain Sentiment Dataset": "Multi-Domain Sentiment Dataset",
    "AIDA CoNLL-YAGO Dataset": "AIDA CoNLL-YAGO",
    "Chinese Treebank 6": "CTB6",
    "Chinese Treebank 7": "CTB7",
    "Winograd Schema Challenge": "WSC",
    "Quora Question Pairs": "QQP",
    "New York Times Corpus": "NYT",
    "F1-score": "F1",
    "Validation perplexity": "perplexity",
    "Test perplexity": "perplexity",
    "Avg Accuracy": "accuracy",
    "Avg F1": "F1",
    "H@10": "Hits@10",
    "H@1": "Hits@1",
    "R_2@1": "R_10@1",
    "Number of params": "number of parameters",
    "Bit per Character (BPC)": "bits per character",
    "Weighted Accuracy (WAA)": "weighted accuracy",
    "Joint goal Accuracy": "joint goal accuracy",
    "Micro-Precision": "precision",
    "Pearson Correlation": "Pearson correlation",
    "Matched Accuracy": "matched accuracy",
    "Mismatched Accuracy": "mismatched accuracy",
    "MAP": "mAP",
    "common_sense": "commonsense reasoning",
    "relationship_extraction": "relation extraction",
    "retrieval-based_chatbot": "retrieval-based chatbot",
    "sql_parsing": "SQL parsing",
    "amr_parsing": "AMR parsing",
    "ccg_supertagging": "CCG supertagging",
    "timex_normalisation": "timex normalization",
    "part-of-speech_tagging": "part-of-speech tagging",
}
_KB_SUFFIX = re.compile(
    r"\s+(?:corpus|Corpus|dataset|Dataset|shared task|Shared Task|Evaluation Campaign|"
    r"10 Annotations|Restricted|Unrestricted|NER shared task|POS tagging shared task|"
    r"word segmentation shared task)$"
)


def clean_kb_name(name: str) -> list[str]:
    """A KB name -> candidate patterns (first = preferred name); [] if unusable."""
    name = name.strip()
    if name in KB_SKIP:
        return []
    if name in KB_RENAME:
        return [KB_RENAME[name]]
    name = name.replace("_", " ")
    extra = re.findall(r"\(([^)]*)\)", name)
    base = re.sub(r"\s*\([^)]*\)", "", name).strip()
    base = re.sub(r"\s+subtask\b.*$", "", base)
    base = re.sub(r"^(?:The|benchmark)\s+", "", base)
    prev = None
    while prev != base:
        prev, base = base, _KB_SUFFIX.sub("", base).strip()
    out = [p.strip() for p in base.split(" / ") if p.strip()]
    # parenthetical acronyms become aliases: "(MRDA)" -> MRDA; notes like "(English)" are dropped
    out += [e for e in extra if re.fullmatch(r"[A-Z][A-Za-z0-9-]{1,}", e) and e.upper() == e]
    return out


def load_kb() -> dict[str, list[str]]:
    files = {"Dataset": "tdms_datasetKB.tsv", "Task": "tdms_taskKB.tsv", "Metric": "tdms_evaMatrixKB.tsv"}
    out: dict[str, list[str]] = {k: [] for k in files}
    for label, fn in files.items():
        p = GAZ / fn
        if not p.is_file():
            print(f"note: {p} not found, building without the TDMS KB", file=sys.stderr)
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 2:
                out[label].append(cols[1])
    return out


# --------------------------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------------------------
def merge_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower())


def build(verbose: bool = False) -> dict[str, list[dict]]:
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    tok = spacy.blank("en").tokenizer
    stop = {s.lower() for line in parse_block(STOPLIST) for s, _, _ in line}

    # entries per label: list of (canonical, [(name, exact, novar)])
    entries: dict[str, list[tuple[str, list]]] = {}
    for label, block in BLOCKS.items():
        entries[label] = [(items[0][0], items) for items in parse_block(block)]

    # merge the KB: a KB name whose key matches a known name joins that entry, else a new entry
    kb = load_kb()
    kb_added = {k: 0 for k in kb}
    for label, names in kb.items():
        index = {}
        for i, (_, items) in enumerate(entries[label]):
            for n, _, _ in items:
                index.setdefault(merge_key(n), i)
        for raw in names:
            cands = clean_kb_name(raw)
            if not cands:
                continue
            hit = next((index[merge_key(c)] for c in cands if merge_key(c) in index), None)
            if hit is None:
                items = [(c, False, False) for c in cands]
                entries[label].append((cands[0], items))
                for c in cands:
                    index.setdefault(merge_key(c), len(entries[label]) - 1)
                kb_added[label] += 1
            else:
                for c in cands:
                    if merge_key(c) not in index:
                        entries[label][hit][1].append((c, False, False))
                        index[merge_key(c)] = hit
    print("TDMS KB entries added as new ids:", kb_added, file=sys.stderr)
    for label in kb:
        for canon, _ in entries[label][len(entries[label]) - kb_added[label]:]:
            print(f"  {label}: {canon}", file=sys.stderr)

    out: dict[str, list[dict]] = {}
    owner: dict[tuple, tuple[str, str]] = {}  # (case, tokens) -> (label, id) over all labels
    errors = []
    for label in BLOCKS:
        rows = []
        for canon, items in entries[label]:
            for name, exact, novar in items:
                names = [name] if novar else variants(name, label)
                for v in names:
                    case = "exact" if (exact or auto_exact(v)) else "lower"
                    if v.lower() in STOP_WORDS or v.lower() in stop:
                        if v == name:
                            errors.append(f"{label} {canon!r}: pattern {v!r} is a stop word / stoplist entry")
                        continue
                    toks = tuple(t.text if case == "exact" else t.text.lower() for t in tok(v))
                    key = (case, toks)
                    if key in owner:
                        if owner[key] != (label, canon):
                            if v == name:
                                errors.append(f"{label} {canon!r}: {v!r} already belongs to {owner[key]}")
                            elif verbose:
                                print(f"  variant {v!r} of {label} {canon!r} left to {owner[key]}", file=sys.stderr)
                        continue
                    # a lower-case pattern also shadows exact ones with the same lower-cased tokens
                    lkey = ("lower", tuple(t.lower() for t in toks))
                    if case == "exact" and lkey in owner:
                        if owner[lkey] != (label, canon):
                            errors.append(f"{label} {canon!r}: exact {v!r} collides with {owner[lkey]}")
                        continue
                    owner[key] = (label, canon)
                    row = {"label": label, "pattern": v, "id": canon}
                    if case == "exact":
                        row["case"] = "exact"
                    rows.append(row)
        out[label] = rows
    # exact patterns registered before a lower-case pattern with the same tokens
    for (case, toks), who in list(owner.items()):
        if case == "exact":
            lo = owner.get(("lower", tuple(t.lower() for t in toks)))
            if lo and lo != who:
                errors.append(f"exact {' '.join(toks)!r} of {who} collides with lower-case pattern of {lo}")
    if errors:
        raise SystemExit("build errors:\n  " + "\n  ".join(errors))
    return out


def write(out: dict[str, list[dict]]) -> None:
    RULES.mkdir(exist_ok=True)
    for label, fn in LABEL_FILES.items():
        lines = [json.dumps({"example": s, "expect": [list(e) for e in exp]}, ensure_ascii=False)
                 for s, exp in EXAMPLES[label]]
        lines += [json.dumps(r, ensure_ascii=False) for r in out[label]]
        (RULES / fn).write_text("\n".join(lines) + "\n", encoding="utf-8")
    stop_lines = [json.dumps({"example": s, "expect": exp}) for s, exp in EXAMPLES["stop"]]
    seen = set()
    for line in parse_block(STOPLIST):
        for s, _, _ in line:
            if s.lower() not in seen:
                seen.add(s.lower())
                stop_lines.append(json.dumps({"stop": s}, ensure_ascii=False))
    (RULES / "stoplist.jsonl").write_text("\n".join(stop_lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# check (also usable on hand-edited files): JSONL, fields, duplicates, stop words, examples
# --------------------------------------------------------------------------------------------
def check() -> int:
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    nlp = spacy.blank("en")
    problems, patterns, stops, examples = [], [], set(), []
    for fn in [*LABEL_FILES.values(), "stoplist.jsonl"]:
        p = RULES / fn
        seen = set()
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"{fn}:{n}: not JSON: {e}")
                continue
            if "pattern" in obj:
                if not all(isinstance(obj.get(k), str) and obj[k].strip() for k in ("label", "pattern", "id")):
                    problems.append(f"{fn}:{n}: pattern line needs label, pattern, id")
                if fn != LABEL_FILES.get(obj.get("label")):
                    problems.append(f"{fn}:{n}: label {obj.get('label')} in the wrong file")
                k = (obj["label"], obj["pattern"], obj.get("case", "lower"))
                if k in seen:
                    problems.append(f"{fn}:{n}: duplicate {k}")
                seen.add(k)
                if obj["pattern"].lower() in STOP_WORDS:
                    problems.append(f"{fn}:{n}: pattern {obj['pattern']!r} is an English stop word")
                patterns.append(obj)
            elif "stop" in obj:
                stops.add(obj["stop"].lower())
            elif "example" in obj:
                examples.append((fn, n, obj["example"], [tuple(x) for x in obj["expect"]]))
            else:
                problems.append(f"{fn}:{n}: unknown line")
    for obj in patterns:
        if obj["pattern"].lower() in stops:
            problems.append(f"pattern {obj['pattern']!r} ({obj['label']}) is in the stoplist")
    # examples, with a plain entity_ruler (longest match wins), as the pipeline's loader would do
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    rp = []
    for obj in patterns:
        exact = obj.get("case") == "exact"
        toks = [{"ORTH": t.text} if exact else {"LOWER": t.text.lower()} for t in nlp.make_doc(obj["pattern"])]
        rp.append({"label": obj["label"], "pattern": toks, "id": obj["id"]})
    ruler.add_patterns(rp)
    for fn, n, text, expect in examples:
        doc = nlp(text)
        found = {(e.label_, e.ent_id_) for e in doc.ents if e.text.lower() not in stops}
        if not expect and found:
            problems.append(f"{fn}:{n}: expected nothing, found {sorted(found)}")
        for e in expect:
            if e not in found:
                problems.append(f"{fn}:{n}: {e} not found in {text!r}; found {sorted(found)}")
    counts = {}
    for obj in patterns:
        counts[obj["label"]] = counts.get(obj["label"], 0) + 1
    print("pattern lines:", counts, "stop entries:", len(stops), "examples:", len(examples))
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only validate rules/")
    ap.add_argument("-v", "--verbose", action="store_true", help="list variants dropped for collisions")
    args = ap.parse_args()
    if not args.check:
        write(build(args.verbose))
    return check()


if __name__ == "__main__":
    sys.exit(main())

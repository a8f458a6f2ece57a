"""The voice map: full coverage of title and body, quoted/attributed/author spans, and the gold voices."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLD_DIR
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from retold import voice as V
from retold.model import VoiceSegment
from retold.pipeline import Lexicons, analyse

GOLD = GOLD_DIR / "voice.yml"


@pytest.fixture(scope="module")
def seed_analysis():
    from tests.conftest import SEED_CORPUS  # noqa: PLC0415
    return analyse(SEED_CORPUS)


def _check_coverage(analysis):
    vm = analysis.voices
    for article, seg in analysis.segmented.items():
        segments = vm[article]
        for paragraph in seg.paragraphs:
            inside = [s for s in segments if s.paragraph == paragraph.index]
            assert inside[0].start == paragraph.start and inside[-1].end == paragraph.end
            assert all(a.end == b.start for a, b in zip(inside, inside[1:]))
            assert all(a.voice != b.voice or a.speaker != b.speaker for a, b in zip(inside, inside[1:]))
        assert sum(s.end - s.start for s in segments) == sum(p.end - p.start for p in seg.paragraphs)


def test_segments_cover_every_paragraph_exactly(seed_analysis):
    _check_coverage(seed_analysis)


def test_hand_made_article(make_corpus):
    text = ("Kremlin says talks are possible\n\n"
            "Moscow was busy. According to the Kremlin, Kyiv is a regime.\n"
            "“The Kiev regime must stop,” Peskov said. The weather in Kiev was cold.\n"
            "“Such strikes became inevitable.” against provocative attacks by Kyiv.")
    from conftest import SEED_CORPUS
    analysis = analyse(make_corpus({"x": text}), Lexicons.from_paths(speakers=SEED_CORPUS / "speakers.yml"))
    _check_coverage(analysis)
    segments = analysis.voices["x"]

    def at(word, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        seg = V.voice_at(segments, start, start + len(word))
        return seg.voice, seg.speaker

    assert at("talks") == ("attributed", "Kremlin")
    assert at("busy") == ("author", None)
    assert at("regime") == ("attributed", "Kremlin")
    assert at("regime", 1) == ("quoted", "Dmitry Peskov")
    assert at("said") == ("author", None)
    assert at("Kiev", 1) == ("author", None)
    assert at("provocative") == ("attributed", "Dmitry Peskov")  # the tail takes the carried-over speaker


def test_unnamed_sources_make_attributed_speech(make_corpus):
    text = ("Bridges destroyed near Kherson\n\n"
            "The army said its forces had destroyed two bridges in a terrorist attack.\n"
            "The occupation will end soon, Ukrainian officials said on Friday. The city was quiet.")
    analysis = analyse(make_corpus({"x": text}))
    _check_coverage(analysis)
    segments = analysis.voices["x"]

    def at(word):
        start = text.index(word)
        seg = V.voice_at(segments, start, start + len(word))
        return seg.voice, seg.speaker

    assert at("terrorist") == ("attributed", "army")
    assert at("occupation") == ("attributed", "Ukrainian officials")
    assert at("quiet") == ("author", None)


def test_voice_at_outside_every_segment_is_author():
    seg = V.voice_at([VoiceSegment("x", 10, 20, voice="quoted", speaker="A")], 0, 5)
    assert (seg.voice, seg.speaker) == ("author", None)
    assert V.voice_at([VoiceSegment("x", 10, 20, voice="quoted", speaker="A")], 12, 15).voice == "quoted"


def test_gold_voices_of_key_terms(seed_analysis):
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["voices"]
    vm = seed_analysis.voices
    voices = speakers = 0
    for entry in gold:
        seg = V.voice_at(vm[entry["article"]], entry["start"], entry["end"])
        voices += seg.voice == entry["voice"]
        speakers += seg.voice == entry["voice"] and seg.speaker == entry["speaker"]
    assert voices / len(gold) >= 0.95
    assert speakers / len(gold) >= 0.93


def test_voice_table_columns(seed_analysis):
    frame = V.voice_tables(seed_analysis.voices, seed_analysis.article_ids)["voice.csv"]
    assert list(frame.columns[:5]) == ["article", "start", "end", "voice", "speaker"]
    assert set(frame["voice"]) == {"author", "attributed", "quoted"}


def _painted_by_hand(lo, hi, spans):
    """The voice map's rule stated directly: paint each span in order over an author ground, read the runs."""
    labels = [("author", None)] * (hi - lo)
    for start, end, _, label in sorted(spans, key=lambda s: s[2]):
        for i in range(max(start, lo), min(end, hi)):
            labels[i - lo] = label
    runs = []
    for i, label in enumerate(labels, start=lo):
        if runs and runs[-1][2] == label:
            runs[-1] = (runs[-1][0], i + 1, label)
        else:
            runs.append((i, i + 1, label))
    return runs


SPAN = st.tuples(st.integers(0, 40), st.integers(1, 25), st.sampled_from([("quoted", "A"), ("attributed", "B"),
                                                                          ("attributed", None), ("author", None)]))


@settings(max_examples=300, deadline=None)
@given(st.lists(SPAN, max_size=12), st.integers(0, 10), st.integers(20, 50))
def test_the_sweep_paints_exactly_like_painting_each_character(raw, lo, hi):
    spans = [(s, s + length, order, label) for order, (s, length, label) in enumerate(raw)]
    assert V._painted(lo, hi, spans) == _painted_by_hand(lo, hi, spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=10), st.integers(-2, 70))
def test_span_index_finds_what_a_scan_finds(raw, pos):
    from retold.model import Span, SpanIndex

    spans = [Span("a", s, s + length) for s, length in raw]
    index = SpanIndex(spans)
    assert index.containing(pos) == next((s for s in spans if s.start <= pos < s.end), None)
    assert index.touching(pos) == next((s for s in spans if s.start <= pos <= s.end), None)


def test_first_segment_from_is_the_last_segment_starting_at_or_before_the_span():
    segments = [VoiceSegment("a", 0, 10, "author", None, 0), VoiceSegment("a", 10, 20, "quoted", "X", 0),
                VoiceSegment("a", 25, 30, "author", None, 0)]
    starts = [s.start for s in segments]
    for start, expected in ((0, 0), (9, 0), (10, 1), (22, 1), (25, 2), (99, 2)):
        assert V.first_segment_from(segments, start) == expected
        assert V.first_segment_from(segments, start, starts) == expected
    assert V.first_segment_from([], 5) == 0

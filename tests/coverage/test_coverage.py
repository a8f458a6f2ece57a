from pathlib import Path

import pytest
import yaml

from retold import coverage as cov_module
from retold.coverage import (
    additions_omissions, attribution_changed, credited_sources, is_close, shingles,
)
from retold.pipeline import analyse, coverage_stage
from conftest import GOLD_DIR, SEED_CORPUS as DEFAULT_CORPUS

GOLD = GOLD_DIR / "coverage.yml"

STORY = {
    "x1": (
        "Ministers agree on harbour plan\n\n"
        "The city council approved the new harbour expansion plan on Monday after a long debate.\n\n"
        "The project will cost 40 million euros and should be finished by 2026.\n\n"
        "Environmental groups say the dredging would never be safe for the local seal colony.\n\n"
        "Mayor Anna Berg said the harbour would create hundreds of jobs for young people."
    ),
    "x2": (
        "Harbour plan approved\n\n"
        "The city council approved the harbour expansion plan on Monday after a long debate.\n\n"
        "The project will cost 50 million euros and should be finished by 2026.\n\n"
        "Environmental groups say the dredging would be safe for the local seal colony.\n\n"
        "Fishermen protested outside the town hall with banners and loud horns all morning."
    ),
    "x3": (
        "Council backs harbour\n\n"
        "On Monday the city council approved the harbour expansion plan after a long debate.\n\n"
        "The project will cost 40 million euros and must be finished by 2026.\n\n"
        "The harbour would create hundreds of jobs for young people.\n\n"
        "Tourism officials expect many more cruise ships to visit the old harbour district."
    ),
}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    from conftest import write_corpus

    path = write_corpus(tmp_path_factory.mktemp("story") / "corpus", STORY)
    return analyse(path)


@pytest.fixture(scope="module")
def seeds():
    return analyse(DEFAULT_CORPUS)


@pytest.fixture(scope="module")
def seed_tables(seeds):
    return coverage_stage(seeds)


def _claim_articles(frame, needle):
    claim = frame[frame["text"].str.contains(needle, regex=False)]["claim"].iloc[0]
    return set(frame[frame["claim"] == claim]["article"])


def test_hand_made_claims_group_the_same_sentence_across_outlets(story):
    claims = coverage_stage(story)["claims.csv"]
    assert list(claims.columns[:5]) == ["claim", "article", "start", "end", "text"]
    assert _claim_articles(claims, "approved the new harbour") == {"x1", "x2", "x3"}
    assert _claim_articles(claims, "million euros") == {"x1", "x2", "x3"}
    assert _claim_articles(claims, "Fishermen protested") == {"x2"}
    for row in claims.itertuples():
        assert story.corpus.article(row.article).text[row.start:row.end] == row.text


def test_hand_made_changes_flag_each_kind(story):
    changes = coverage_stage(story)["changes.csv"]
    assert list(changes.columns[:8]) == ["claim", "article_a", "article_b", "start_a", "end_a", "start_b", "end_b",
                                         "flags"]

    def flags(needle, a, b):
        row = changes[changes["text_a"].str.contains(needle) & (changes["article_a"] == a) & (changes["article_b"] == b)]
        assert len(row) == 1, (needle, a, b)
        return set(str(row["flags"].iloc[0]).split(";"))

    assert "negation" in flags("dredging", "x1", "x2")
    assert "number" in flags("million", "x1", "x2")
    assert "number" not in flags("million", "x1", "x3")
    assert "modality" in flags("million", "x1", "x3")
    assert "attribution" in flags("create hundreds", "x1", "x3")


def test_hand_made_additions_and_omissions(story):
    gaps = coverage_stage(story)["coverage.csv"]
    additions = gaps[gaps["kind"] == "addition"]
    assert set(additions[additions["label"].str.contains("Fishermen")]["article"]) == {"x2"}
    assert set(additions[additions["label"].str.contains("cruise")]["article"]) == {"x3"}
    omissions = gaps[gaps["kind"] == "omission"]
    # the jobs claim is in x1 and x3: both others of x2 carry it, so x2 omits it
    assert set(omissions[omissions["label"].str.contains("jobs")]["article"]) == {"x2"}


def test_attribution_changes_only_when_credit_is_lost_or_added():
    assert attribution_changed(["Dmitry Peskov"], [])
    assert attribution_changed([], ["police"])
    assert not attribution_changed(["Dmitry Peskov"], ["Kremlin"])  # credited on both sides
    assert not attribution_changed(["Police"], ["police"])
    assert not attribution_changed([], [])


def test_close_means_a_rewrite_of_the_same_sentence():
    flip = ("Nowak said the union would not accept the revised offer in its current form.",
            "Nowak said the union would accept the revised offer in its current form.")
    assert is_close(*flip, similarity=0.96)
    names_only = ("Moscow rejected US President Joe Biden's terms for negotiations on Ukraine with Russian President "
                  "Vladimir Putin.",
                  "Russia says President Vladimir Putin is ready to discuss any potential solution in Ukraine since "
                  "he believes in diplomacy, after US President Joe Biden suggested he would be open to talks.")
    assert not is_close(*names_only, similarity=0.57)
    assert not is_close(*flip, similarity=0.4)


def test_credited_sources_with_cues():
    text = ("Reuters, December 2, Moscow - Talks began.\nThe minister spoke, citing RIA Novosti agency.\n"
            "It was quoted by TASS news agency. According to Bloomberg, more came. Photo (AP Photo)\n"
            "PHOTO/Reuters\nThe AFP reported it. The word APPLE and map are not agencies.")
    found = [(c.source, c.cue) for c in credited_sources("t", text)]
    assert ("Reuters", "dateline") in found
    assert ("RIA Novosti", "citing") in found
    assert ("TASS", "quoted by") in found
    assert ("Bloomberg", "according to") in found
    assert ("AP", "photo credit") in found
    assert ("Reuters", "photo credit") in found
    assert ("AFP", "news agency") in found
    assert len(found) == 7


def test_shingles_ignore_case_and_punctuation():
    assert shingles(["One two, three four five six."]) == {"one two three four five", "two three four five six"}
    assert shingles(["too short"]) == set()


# --- seeds ------------------------------------------------------------------------------

def test_seed_recognise_accept_flip_is_flagged_negation(seed_tables):
    changes = seed_tables["changes.csv"]
    row = changes[changes["text_a"].str.contains("never recognise") & changes["text_b"].str.contains("would accept")]
    assert len(row) == 1
    assert (row["article_a"].iloc[0], row["article_b"].iloc[0]) == ("a002", "a003")
    assert "negation" in row["flags"].iloc[0].split(";")


def test_seed_a002_a003_share_most_wording(seed_tables):
    reuse = seed_tables["reuse.csv"].set_index(["article_a", "article_b"])
    for measure in ("shared", "aligned_share"):
        pair = min(reuse.loc[("a002", "a003"), measure], reuse.loc[("a003", "a002"), measure])
        others = reuse.drop(index=[("a002", "a003"), ("a003", "a002")])[measure]
        assert pair > others.max(), measure
    assert reuse.loc[("a003", "a002"), "aligned_share"] > 0.6


def test_seed_sources_match_corpus_metadata(seeds, seed_tables):
    sources = seed_tables["sources.csv"]
    for article in seeds.corpus.articles:
        found = set(sources[sources["article"] == article.id]["source"])
        assert found == set(article.credited_sources), article.id
    for row in sources.itertuples():
        assert seeds.corpus.article(row.article).text[row.start:row.end] in ("Reuters", "TASS", "RIA Novosti",
                                                                           "Bloomberg")
    a002 = sources[sources["article"] == "a002"]
    assert list(a002["cue"]) == ["dateline"]


def _overlap(s1, e1, s2, e2):
    return min(e1, e2) - max(s1, s2) > 0


def test_seed_gold_pairs_recall_and_flags(seed_tables):
    changes = seed_tables["changes.csv"]
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["pairs"]
    found, flag_hits, flag_total = 0, 0, 0
    for g in gold:
        hit = changes[
            ((changes["article_a"] == g["article_a"]) & (changes["article_b"] == g["article_b"])
             & changes.apply(lambda r: _overlap(r.start_a, r.end_a, g["start_a"], g["end_a"])
                             and _overlap(r.start_b, r.end_b, g["start_b"], g["end_b"]), axis=1))
            | ((changes["article_a"] == g["article_b"]) & (changes["article_b"] == g["article_a"])
               & changes.apply(lambda r: _overlap(r.start_a, r.end_a, g["start_b"], g["end_b"])
                               and _overlap(r.start_b, r.end_b, g["start_a"], g["end_a"]), axis=1))]
        if len(hit):
            found += 1
            ours = set(str(hit["flags"].iloc[0]).split(";"))
            # "number" in the gold also covers grammatical number (annexations/an annexation), which
            # this module does not claim to detect; compare the other kinds.
            wanted = set(g["flags"]) - {"number"}
            flag_total += len(wanted)
            flag_hits += len(wanted & ours)
    assert found >= 16  # of 21 (measured: 16)
    assert flag_hits / flag_total >= 0.6  # measured recall of gold flags on found pairs


def test_seed_claims_do_not_chain(seeds):
    cov = seeds.coverage
    for claim in cov.claims:
        articles = [cov.units[i].article for i in claim]
        assert len(articles) == len(set(articles))


def test_seed_additions_include_gold_additions(seed_tables):
    gaps = seed_tables["coverage.csv"]
    additions = gaps[gaps["kind"] == "addition"]
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["additions"]
    hits = 0
    for g in gold:
        rows = additions[(additions["article"] == g["article"])]
        hits += any(_overlap(r.start, r.end, g["start"], g["end"]) for r in rows.itertuples())
    # measured 5 of 7: the two misses are clauses added inside a sentence that is otherwise shared
    # (a001 "after previously saying ... when to hold pace", a003 "but the West had to accept
    # Moscow's demands"); sentence-level claims cannot see them.
    assert hits >= 5


def test_omission_rule_needs_a_majority_of_the_others():
    units = []
    from retold.model import Sentence

    for n, article in enumerate(["p", "q", "r", "s", "t"]):
        units.append(cov_module.Unit(n, Sentence(article, 0, 5, index=0, paragraph=1, text="claim"), n))
    claims = [[0, 1, 2], [3, 4]]
    cov = cov_module.Coverage(units, [], claims, {0: 0, 1: 0, 2: 0, 3: 1, 4: 1}, ["c1", "c2"], ["L1", "L2"],
                              ["p", "q", "r", "s", "t"])
    gaps = additions_omissions(cov)
    omitted = gaps[gaps["kind"] == "omission"]
    assert set(omitted[omitted["claim"] == "c1"]["article"]) == {"s", "t"}  # 3 of their 4 others carry it
    assert set(omitted[omitted["claim"] == "c2"]["article"]) == set()  # only 2 of 4: not most
    claims = [[0, 1, 2, 3], [4]]
    cov = cov_module.Coverage(units, [], claims, {0: 0, 1: 0, 2: 0, 3: 0, 4: 1}, ["c1", "c2"], ["L1", "L2"],
                              ["p", "q", "r", "s", "t"])
    gaps = additions_omissions(cov)
    assert list(gaps[gaps["kind"] == "omission"]["article"]) == ["t"]
    assert list(gaps[gaps["kind"] == "addition"]["article"]) == ["t"]


# --- the three hand-written test corpora of other stories --------------------------------

FIXTURE_CORPORA = Path(__file__).resolve().parents[1] / "fixtures" / "corpora"


@pytest.mark.parametrize("name", ["port-strike", "mayoral-election", "river-flood"])
def test_test_corpora_flips_are_flagged_and_same_sentence_pairs_are_not(name):
    from retold.evaluate import flag_scores

    folder = FIXTURE_CORPORA / name
    analysis = analyse(folder)
    changes = coverage_stage(analysis)["changes.csv"]
    expected = yaml.safe_load((folder / "expectations.yml").read_text(encoding="utf-8"))
    texts = {a.id: a.text for a in analysis.corpus.articles}
    scores = flag_scores(changes, texts, expected["meaning_flip"], expected["same_sentence_no_flip"])
    assert scores["flips_found"] == scores["flips"] == 1
    assert scores["no_flip_flagged"] == 0
    assert scores["precision"] == 1.0  # measured 1.0 on all three (before issue 13: 0.10, 0.25, 0.08)


def test_seed_negation_flags_count_only_the_real_flip(seed_tables):
    changes = seed_tables["changes.csv"]
    counted = changes[changes["close"] & changes["flags"].str.contains("negation")]
    assert len(counted) == 1
    row = counted.iloc[0]
    assert "never recognise" in row["text_a"] and "would accept" in row["text_b"]
    assert not (changes["close"] & changes["flags"].str.contains("attribution")).any()  # credited on both sides

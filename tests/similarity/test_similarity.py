from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp

from retold.similarity.candidates import LSH_BANDS, LSH_WINDOW, candidate_pairs, minhash_signatures
from retold.similarity.diff import word_diff
from retold.similarity.flags import meaning_flags
from retold.similarity.vectors import content_stems, pair_similarities, similarity, stem_overlap
from retold.pipeline import analyse
from conftest import SEED_CORPUS as DEFAULT_CORPUS

RECOGNISE = ("A fifth of Ukraine's post-Soviet territory has been claimed by Russia, annexations that the "
             "West and Ukraine say they would never recognise.")
ACCEPT = ("Russia has claimed about a fifth of Ukraine’s post-Soviet territory, an annexation the West and "
          "Ukraine have said they would accept.")


def test_content_stems_drop_stop_words_and_merge_inflections():
    assert content_stems("The negotiations") == content_stems("negotiation")
    assert "the" not in content_stems("The talks are on")


def test_similarity_is_symmetric_bounded_and_orders_paraphrase_above_topic():
    same = "Peskov said Putin remained open to talks, but Russia would not leave Ukraine."
    paraphrase = "He said Putin remained open to negotiations, but that Russia would not withdraw from Ukraine."
    topic = "Biden said he was ready to talk to Putin if he wanted to end the war."
    unrelated = "The weather in Paris was mild on Tuesday."
    assert similarity(same, same) == pytest.approx(1.0)
    assert similarity(same, paraphrase) == pytest.approx(similarity(paraphrase, same))
    assert similarity(same, paraphrase) > 0.45
    assert similarity(same, paraphrase) > similarity(same, topic) > similarity(same, unrelated)
    assert similarity(same, unrelated) < 0.15
    assert similarity("", same) == 0.0


def test_similarity_gives_credit_to_spelling_variants():
    assert similarity("recognise the new areas", "recognize the new areas") > 0.6


def test_pair_similarities_match_single_calls():
    texts = [RECOGNISE, ACCEPT, "Biden spoke at the White House."]
    batch = pair_similarities(texts, [(0, 1), (1, 2)])
    assert batch[0] == pytest.approx(similarity(RECOGNISE, ACCEPT))
    assert batch[1] == pytest.approx(similarity(ACCEPT, texts[2]))


def test_stem_overlap_is_containment():
    assert stem_overlap("Putin is open to talks", "Putin is open to talks on Ukraine, Peskov said") == 1.0


def test_candidate_pairs_finds_cross_owner_matches_only():
    texts = [RECOGNISE, ACCEPT, "Putin talked to Scholz by phone on Friday.",
             "Scholz and Putin spoke by phone.", "A fifth of the territory was claimed by Russia."]
    owners = ["x", "y", "x", "y", "x"]
    pairs = candidate_pairs(texts, owners)
    assert (0, 1) in pairs and (2, 3) in pairs
    assert all(i < j and owners[i] != owners[j] for i, j in pairs)
    assert (0, 4) not in pairs  # same owner
    assert (1, 2) not in pairs  # nothing in common


def test_candidate_pairs_respects_top_k_and_df_cap():
    texts = ["alpha beta gamma"] + [f"alpha beta gamma extra{i}" for i in range(20)]
    owners = list(range(21))
    pairs = candidate_pairs(texts, owners, top_k=3)
    partners_of_0 = [p for p in pairs if 0 in p]
    assert 3 <= len(partners_of_0) <= 21  # its own top 3, plus any that chose it


def _families(copies: int, seed: int = 3) -> tuple[list[str], list[int]]:
    """Near-copies of two unrelated sentences, each copy with one word swapped, as syndication makes them."""
    rng = np.random.default_rng(seed)
    bases = ["Peskov said Putin remained open to negotiations but Russia would not withdraw troops from Ukraine",
             "Scholz urged Moscow to withdraw forces and seek diplomatic solution as soon as possible"]
    texts, family = [], []
    for n in range(copies):
        for f, base in enumerate(bases):
            words = base.split()
            words[rng.integers(len(words))] = f"variant{n}"
            texts.append(" ".join(words))
            family.append(f)
    return texts, family


def test_stems_over_the_cap_still_pair_near_copies_through_lsh():
    texts, family = _families(300)
    owners = list(range(len(texts)))
    pairs = candidate_pairs(texts, owners, max_df=50)  # every shared stem is over the cap
    partners = Counter(i for pair in pairs for i in pair)
    assert len(partners) == len(texts)  # nobody is left without a candidate
    mixed = sum(family[i] != family[j] for i, j in pairs)
    assert mixed <= 0.05 * len(pairs)  # candidates, not matches: a few chance collisions are scored and dropped
    assert max(partners.values()) <= 2 * LSH_BANDS * LSH_WINDOW  # a chain per bucket, not all pairs


def test_no_lsh_when_no_stem_reaches_the_cap():
    texts = ["alpha beta gamma"] + [f"alpha beta gamma extra{i}" for i in range(20)]
    owners = list(range(21))
    assert candidate_pairs(texts, owners, top_k=3) == candidate_pairs(texts, owners, top_k=3, max_df=21)


def test_minhash_agreement_estimates_jaccard():
    rng = np.random.default_rng(5)
    columns = rng.choice(2 ** 20, 150, replace=False)
    a, b = np.sort(columns[:100]), np.sort(columns[50:])
    x = sp.csr_matrix((np.ones(200), np.concatenate([a, b]), [0, 100, 200]), shape=(2, 2 ** 20))
    signatures = minhash_signatures(x, hashes=2000)
    assert (signatures[0] == signatures[1]).mean() == pytest.approx(50 / 150, abs=0.03)
    assert (minhash_signatures(x, hashes=2000) == signatures).all()  # fixed seed


def test_candidate_pairs_stay_a_few_per_text_on_many_texts():
    rng = np.random.default_rng(1)
    vocab = [f"word{i}" for i in range(5000)]
    weights = 1 / np.arange(1, 5001)
    weights /= weights.sum()
    texts = [" ".join(rng.choice(vocab, size=15, p=weights)) for _ in range(20000)]
    owners = [i // 25 for i in range(20000)]
    pairs = candidate_pairs(texts, owners, top_k=5)
    assert len(pairs) <= 20000 * 5 * 2  # each text's top 5 from the index and its top 5 from LSH


def test_word_diff_offsets_point_into_each_text():
    ops = word_diff(RECOGNISE, ACCEPT)
    assert {op.op for op in ops} >= {"equal", "replace"}
    for op in ops:
        assert RECOGNISE[op.a_start:op.a_end] == op.a_text
        assert ACCEPT[op.b_start:op.b_end] == op.b_text
    replaced = [op for op in ops if op.op == "replace" and "never" in op.a_text]
    assert replaced and replaced[0].b_text == "accept"
    assert "".join(op.a_text for op in ops).replace(" ", "") == RECOGNISE.replace(" ", "")


def test_word_diff_identical_and_empty():
    assert [op.op for op in word_diff("same words", "Same words")] == ["equal"]
    ops = word_diff("", "new words")
    assert [op.op for op in ops] == ["insert"] and ops[0].b_text == "new words"


@pytest.mark.parametrize("a, b, flag", [
    (RECOGNISE, ACCEPT, "negation"),
    ("Russia would not leave Ukraine.", "Russia would leave Ukraine.", "negation"),
    ("It is impossible to accept the condition.", "It is possible to accept the condition.", "negation"),
    ("Putin will remain open to talks.", "Putin remains open to talks.", "modality"),
    ("The West must accept the demands.", "The West may accept the demands.", "modality"),
    ("The West has to accept the demands.", "The West should accept the demands.", "modality"),
    ("Russia claimed a fifth of the territory.", "Russia claimed a third of the territory.", "number"),
    ("The war began in 2022.", "The war began in 2014.", "number"),
    ("Biden spoke on Thursday.", "Biden spoke on Friday.", "number"),
    ("Peskov said talks were possible.", "Lavrov said talks were possible.", "entity"),
    ("Putin's troops must withdraw.", "Russian troops must withdraw.", "entity"),
    ("He spoke to Scholz.", "He spoke to Scholz and Macron.", "entity"),
    ("Putin phoned Scholz.", "Putin phoned Schultz.", "spelling"),
    ("Aid for Kyiv was discussed.", "Aid for Kiev was discussed.", "spelling"),
    ("the devastating line of Western countries", "the destructive line of Western countries", "intensity"),
    ("such measures have become necessary and inevitable", "such measures have become forced and inevitable",
     "intensity"),
    ("That's essentially what Biden said.", "That's what Biden said.", "intensity"),
    ("it is very important", "it is important", "intensity"),
])
def test_meaning_flags_each_kind(a, b, flag):
    assert flag in meaning_flags(a, b)
    assert flag in meaning_flags(b, a)


@pytest.mark.parametrize("a, b, absent", [
    ("Russia would not leave Ukraine.", "Russia will not withdraw from Ukraine.", "negation"),
    ("Russia would not leave Ukraine.", "Russia will not withdraw from Ukraine.", "modality"),
    ("Putin spoke to Scholz.", "Putin talked with Scholz.", "entity"),
    ("Russian forces", "Russia's forces", "entity"),
    ("The United States refused.", "The US refused.", "entity"),
    ("President Putin spoke.", "Putin spoke.", "entity"),
    ("Putin phoned Scholz.", "Putin phoned Schultz.", "entity"),
    ("He said talks may go on.", "He said talks may continue.", "number"),
    ("The destructive line.", "The destructive policy.", "intensity"),
    ("Basically, that is what he said.", "That is what he said.", "entity"),
    ("Putin spoke to Scholz by phone, as reported by the Reuters news agency in Moscow.",
     "Putin spoke to Scholz by phone.", "entity"),
    ("Putin lacks justification for the war.", "Putin has no justification for the war.", "negation"),
])
def test_meaning_flags_not_raised_for_equivalent_wording(a, b, absent):
    assert absent not in meaning_flags(a, b)


def test_identical_texts_have_no_flags():
    assert meaning_flags(RECOGNISE, RECOGNISE) == []


def test_seed_recognise_accept_pair_is_found_and_flagged():
    analysis = analyse(DEFAULT_CORPUS)
    sentences = [s for seg in analysis.segmented.values() for s in seg.sentences]
    texts = [s.text for s in sentences]
    pairs = candidate_pairs(texts, [s.article for s in sentences])
    a = next(i for i, s in enumerate(sentences) if "never recognise" in s.text)
    b = next(i for i, s in enumerate(sentences) if "would accept" in s.text)
    assert (min(a, b), max(a, b)) in pairs
    assert similarity(texts[a], texts[b]) > 0.5
    assert "negation" in meaning_flags(texts[a], texts[b])

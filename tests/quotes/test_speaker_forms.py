"""Who said it, one form at a time, on small hand-written news texts and the default (generic) speakers lexicon."""

from __future__ import annotations

import pytest

from retold import quotes as Q
from retold.config import DEFAULT_SPEAKERS
from retold.corpus import load_corpus
from retold.pipeline import Lexicons, analyse
from retold.voice import voice_at

BOOK = Q.load_speakers(DEFAULT_SPEAKERS)


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in Q.quotes_in_text(text, BOOK)]


def reported(text: str) -> list[tuple[str, str | None]]:
    return [(r.text, r.speaker) for r in Q.reported_in_text(text, BOOK)]


def test_an_unlisted_name_is_a_person_a_pronoun_can_take():
    assert speakers("“We are ready,” Luis Alvarez said.\n“It is wrong,” he said.") == ["Luis Alvarez"] * 2


def test_first_and_last_name_are_one_speaker_per_article():
    text = "“We are ready,” said Luis Alvarez, the union president.\n“Nobody wants this,” Alvarez said."
    assert speakers(text) == ["Luis Alvarez", "Luis Alvarez"]


def test_pronouns_respect_gender_and_take_the_last_compatible_mention():
    text = ("Governor Ana Ruiz met Mark Chen on Monday.\n"
            "“We cannot wait,” she said.\n“We can,” he said.")
    assert speakers(text) == ["Ana Ruiz", "Mark Chen"]


def test_gender_is_learned_from_she_said():
    text = ("Quill Dorrance spoke first. “We will win,” she said.\n"
            "Arlo Benton disagreed. “We will not,” he said. “We will,” she replied.")
    assert speakers(text) == ["Quill Dorrance", "Arlo Benton", "Quill Dorrance"]


def test_they_takes_several_people():
    text = "Parents Mei and Daniel Hoffmann spoke. “Why should one complaint decide?” they said."
    assert speakers(text) == ["Mei and Daniel Hoffmann"]


def test_a_title_resolves_to_the_person_the_article_names():
    assert reported("Gov. Andrea Kessler declared an emergency. The governor said the guard would help with rescues.") \
        == [("the guard would help with rescues", "Andrea Kessler")]


def test_an_organisation_noun_resolves_to_the_organisation():
    text = "The Riverton Transit Authority cut routes. The authority called the demands “unaffordable.”"
    assert speakers(text) == ["Riverton Transit Authority"]


@pytest.mark.parametrize("text, speaker", [
    ("Maria Lopez, Democrat of Ohio, said she expected the House to vote soon.", "Maria Lopez"),
    ("Rep. Jane Doe (D-Ore.) said the bill would pass before the recess.", "Jane Doe"),
    ("Council member Jorge Batista, who represents the east side, said the cuts would hurt.", "Jorge Batista"),
    ("Harris accused the referee of bias and said he would write to the league.", "Harris"),
])
def test_appositives_parentheticals_and_coordinated_verbs(text, speaker):
    assert [s for _, s in reported(text)] == [speaker]


def test_said_after_a_name_with_a_party_tag():
    assert speakers("“No one should ration a drug,” said Rep. Jane Dorsey (D-Ore.), the lead sponsor.") == [
        "Jane Dorsey"]


def test_weekdays_places_and_datelines_are_never_speakers():
    text = ("WASHINGTON — The governor responded Tuesday, telling reporters, “We are not going to rush.”\n"
            "In Fairhaven, Mayor Dana Cole said the routes were empty.")
    assert speakers(text) == ["governor"]
    assert reported(text) == [("the routes were empty", "Dana Cole")]


def test_question_and_exclamation_before_the_closing_mark():
    assert speakers("“Why now? Why in the 94th minute?” Harris asked.") == ["Harris"]
    assert speakers("“Shame on you!” protesters chanted.") == ["protesters"]


def test_colon_forms():
    assert speakers("Senator Ana Reyes tweeted: “We will not back down.”") == ["Ana Reyes"]
    assert speakers("Sen. Amara Nwankwo (D-Minn.) shot back: “Where was this concern?”") == ["Amara Nwankwo"]
    assert reported("Council to cut six bus routes: mayor\nMayor Dana Cole said the council would approve cuts.") == [
        ("Council to cut six bus routes", "Dana Cole"), ("the council would approve cuts", "Dana Cole")]


def test_dash_bylines_and_introductions():
    assert speakers("“We will miss her terribly.” ― Commissioner Geoffrey Starks") == ["Geoffrey Starks"]
    assert speakers("“Gutted to see him go.” – Linares captain Diego Fuentes") == ["Diego Fuentes"]
    assert speakers("And from Chairwoman Delia Marchetti:\n“The bill will speak plainly.”") == ["Delia Marchetti"]


@pytest.mark.parametrize("text, speaker", [
    ("Critics call them “rogue traders.”", "critics"),
    ("Granite Ridge CEO Martin Drexler accused Mr. Park of “grandstanding” for the cameras.", "Martin Drexler"),
    ("State Sen. Nadia Farouk pledged that the committee would “never” let the matter drop.", "Nadia Farouk"),
])
def test_partial_quotes_with_any_verb(text, speaker):
    assert speakers(text) == [speaker]


def test_titles_and_nicknames_in_marks_have_no_speaker():
    assert speakers("Among the books is the novel “The Salt Road.” Director Paolo “Big Paulie” Ferreira left.") == [
        None, None]


@pytest.mark.parametrize("text, content, speaker", [
    ("The company claimed the recall affects about 40,000 cars.", "the recall affects about 40,000 cars", "company"),
    ("Kovač insisted the vehicles were taking part in an exercise.", "the vehicles were taking part in an exercise",
     "Kovač"),
    ("Shipping companies warned that the backlog could take weeks.", "the backlog could take weeks",
     "Shipping companies"),
    ("Ruiz countered that the consultants had questioned the estimates.",
     "the consultants had questioned the estimates", "Ruiz"),
])
def test_reported_speech_with_or_without_that(text, content, speaker):
    assert reported(text) == [(content, speaker)]


@pytest.mark.parametrize("text", [
    "The agency confirmed the delay in a brief statement.",
    "Kessler declared a state of emergency for four counties.",
    "Judge Theresa Nwosu directed the sheriff to auction the said property.",
    "Vireo declined to comment.",
])
def test_verbs_with_an_object_report_nothing(text):
    assert reported(text) == []


def test_the_default_lexicon_holds_no_story_names():
    assert BOOK.speakers == []
    text = ("“Attention was drawn to the line,” the statement read.\n"
            "“We are watching,” said Schultz, a White House spokesman.")
    assert speakers(text) == ["statement", "Schultz"]


def test_a_source_subject_makes_the_sentence_its_voice(make_corpus):
    text = "Ministry speaks\n\nThe ministry said the protesters had left the square by noon."
    analysis = analyse(make_corpus({"x": text}))
    start = text.index("protesters")
    segment = voice_at(analysis.voices["x"], start, start + len("protesters"))
    assert (segment.voice, segment.speaker) == ("attributed", "ministry")


def test_a_corpus_speakers_lexicon_is_used_unless_overridden(make_corpus, tmp_path):
    folder = make_corpus({"x": "Talks\n\n“We are ready,” the spokesman said."})
    (folder / "speakers.yml").write_text("- name: Ivo Petrov\n  aliases: [the spokesman]\n", encoding="utf-8")
    assert analyse(folder).quotes.quotes[0].speaker == "Ivo Petrov"
    other = tmp_path / "other.yml"
    other.write_text("- name: Someone Else\n  aliases: [the spokesman]\n", encoding="utf-8")
    assert analyse(folder, Lexicons.from_paths(speakers=other, corpus=load_corpus(folder))).quotes.quotes[0].speaker == \
        "Someone Else"


def test_names_of_a_repeated_paragraph_depend_on_what_follows_it():
    """A paragraph's names are kept per paragraph text, with the text after it that the checks read: a name
    followed by a lower-case speaker noun across the paragraph break is not a speaker's name."""
    from retold.quotes.people import find_cast
    from retold.quotes.speakers import SpeakerBook

    def names(text: str) -> list[str]:
        paragraphs, start = [], 0
        for k, block in enumerate(text.split("\n\n")):
            paragraphs.append((k, start, start + len(block)))
            start += len(block) + 2
        return [m.printed for m in find_cast(text, paragraphs, SpeakerBook([])).mentions]

    first = "Talks went on late with Harlan Mercer"
    assert names(f"{first}\n\nspokesman Dale Pike said so.") == ["Dale Pike"]
    assert names(f"{first}\n\nDale Pike said so.") == ["Harlan Mercer", "Dale Pike"]
    assert names(f"{first}\n\nspokesman Dale Pike said so.") == ["Dale Pike"]


def test_mentions_of_a_window_seen_before_are_shifted_to_where_it_now_is():
    from retold.quotes.speakers import SpeakerBook

    book = SpeakerBook([{"name": "Harlan Mercer", "aliases": ["Mercer"]}])
    sentence = "Mercer said he would stay."
    first = book.mentions(sentence)
    first.append("not kept")
    later = book.mentions(f"Earlier text. {sentence}", 14)
    assert [(m.start, m.printed, m.kind) for m in later] == [(14, "Mercer", "alias"), (26, "he", "pronoun")]
    assert [(m.start, m.printed) for m in book.mentions(sentence)] == [(0, "Mercer"), (12, "he")]

"""The words and marks every stage agrees on, defined once: voices, quotation marks, reporting verbs.

* Voices: whose words a stretch of text is. `author` is the outlet's own narration,
  `attributed` is reported speech outside quotation marks, `quoted` is inside them.
* Quotation marks: the opening and closing characters of the common styles (“curly”,
  „low-high“, «guillemets», ‘single’, ‹single guillemets›); the straight " and ' can
  do either job and are told apart by position.
* Reporting verbs, by how they introduce speech: `SAY_VERBS` take a quotation or a
  clause with or without "that" ("said", "claimed", "vowed", "insisted"); `THAT_VERBS`
  report only with "that" or a colon, because they often take a plain object ("announced
  a partnership", "confirmed the delay"); `FRAGMENT_VERBS` frame a fragment ("called
  it", "described as"); `AFTER_ONLY_VERBS` only follow a quotation ("the statement read").
"""

from __future__ import annotations

import re

AUTHOR, ATTRIBUTED, QUOTED = "author", "attributed", "quoted"
VOICES = (AUTHOR, ATTRIBUTED, QUOTED)

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‚‹"
CLOSE_SINGLE = "’›"
DOUBLE_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + '"'
SINGLE_MARKS = OPEN_SINGLE + CLOSE_SINGLE + "'"

SAY_VERBS = tuple(
    "said says say saying told tells tell telling stated states stating added adds adding stressed stresses "
    "stressing noted notes insisted insists warned warns explained explains emphasized emphasised emphasizes "
    "emphasises argued argues asserted asserts affirmed affirms claimed claims vowed vows pledged pledges "
    "predicted predicts countered counters estimated estimates conceded concedes maintained maintains contended "
    "contends alleged alleges promised promises reiterated reiterates testified testifies denied denies "
    "wrote writes".split())
THAT_VERBS = tuple("responded responds replied replies reported reports concluded commented remarked tweeted "
                   "believes believed declared declares announced announces acknowledged acknowledges admitted "
                   "admits revealed reveals confirmed confirms suggested suggests ruled ruling posted".split())
FRAGMENT_VERBS = tuple("urged urges asked asks called calls described describes dubbed termed labelled labeled refer "
                       "refers referred".split())
AFTER_ONLY_VERBS = tuple("read reads continued quoted chanted chanting shouted yelled cried exclaimed screamed "
                         "replied".split())
ACCUSE_VERBS = tuple("accused accuses accusing blamed blames blaming".split())
REPORTING_VERBS = tuple(dict.fromkeys(SAY_VERBS + THAT_VERBS + FRAGMENT_VERBS + AFTER_ONLY_VERBS + ACCUSE_VERBS))

DISTANCING_WORDS = ("claim", "claims", "claimed", "alleged", "allegedly", "purported", "purportedly", "so-called")

# the lookahead names the letters a cue can start with, so the alternation is tried only there (twice as fast)
CUE_RE = re.compile(
    r"\b(?=[" + "".join(sorted({re.escape(word[0]) for word in ("according", "refer", *REPORTING_VERBS)})) + r"])"
    r"(?:according to|refer(?:s|red)? to|"
    + "|".join(sorted(set(REPORTING_VERBS), key=len, reverse=True))
    + r")\b",
    re.I,
)
DISTANCING_RE = re.compile(r"\b(" + "|".join(DISTANCING_WORDS) + r")\b", re.I)

"""The words and marks every stage agrees on, defined once: voices, quotation marks, reporting verbs.

* Voices: whose words a stretch of text is. `author` is the outlet's own narration,
  `attributed` is reported speech outside quotation marks, `quoted` is inside them.
* Quotation marks: the opening and closing characters of the common styles (“curly”,
  „low-high“, «guillemets», ‘single’, ‹single guillemets›); the straight " and ' can
  do either job and are told apart by position.
* Reporting verbs, by how they introduce speech: `SAY_VERBS` take a quotation or a
  clause directly ("said", "stressed"); `THAT_VERBS` report only with "that" or a
  colon ("responded that", "claimed that"); `FRAGMENT_VERBS` frame a fragment ("called
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
    "stressing noted notes declared declares announced announces insisted insists warned warns "
    "explained explains emphasized emphasised emphasizes emphasises argued argues asserted asserts affirmed "
    "affirms acknowledged acknowledges admitted admits revealed reveals confirmed confirms suggested suggests "
    "wrote writes".split())
THAT_VERBS = tuple("responded responds replied replies reported reports concluded commented remarked tweeted claimed "
                   "claims believes believed".split())
FRAGMENT_VERBS = tuple("urged urges asked asks called calls described describes dubbed termed labelled labeled refer "
                       "refers referred".split())
AFTER_ONLY_VERBS = tuple("read reads continued quoted".split())
REPORTING_VERBS = tuple(dict.fromkeys(SAY_VERBS + THAT_VERBS + FRAGMENT_VERBS + AFTER_ONLY_VERBS))

DISTANCING_WORDS = ("claim", "claims", "claimed", "alleged", "allegedly", "purported", "purportedly", "so-called")

CUE_RE = re.compile(
    r"\b(?:according to|refer(?:s|red)? to|"
    + "|".join(sorted(set(REPORTING_VERBS), key=len, reverse=True))
    + r")\b",
    re.I,
)
DISTANCING_RE = re.compile(r"\b(" + "|".join(DISTANCING_WORDS) + r")\b", re.I)

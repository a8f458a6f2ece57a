"""The people and organisations one article names: every name is a candidate speaker, lexicon or not.

`find_cast` reads an article outside its quotation marks and returns a `Cast`:

* each capitalised run of words is split into the title printed before the name
  ("Dunmore Mayor", "U.S. District Judge", "Rep.") and the name itself; titles come from
  `nameparser`'s list, widened with the news titles below;
* weekdays, months, datelines ("RIVERTON, Ore. —"), US state names and places after
  "in"/"at"/"near" are never names; party tags in brackets ("(D-Ore.)") are skipped;
* names are joined per article: "Luis Alvarez" … "Alvarez" … "Mr. Alvarez" are one
  person, named by the fullest form printed; "Velmont" is "Velmont Motors";
* a name with an organisation word (Authority, Ministry, Inc., Union, …) is a group;
  "Mei and Daniel Hoffmann" is a plural group;
* gender comes from a gendered title (Ms., chairwoman, congressman) or the first name
  (`gender-guesser`); the pronoun resolver may learn it later from "she said";
* roles come from titles and appositives ("Luis Alvarez, the president of …", "The
  town's mayor, Dwayne Pettiford"), so "the mayor" can later resolve to its holder.

What it cannot see: names printed in lower case, names split across a line break inside a
run of titles, and organisations whose names carry no organisation word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from nameparser.config import CONSTANTS

from ..text.dateline import dateline_length
from .speakers import SPEAKER_NOUNS, UNKNOWN_SIDE, Mention, Speaker, SpeakerBook

TOKEN = r"(?:(?:[A-Z]\.){2,3}|[A-Z][\w’'\-]*\.?)"
PARTICLES = "de da di del della van von der den du la le bin ibn al el dos das ter st".split()
RUN_RE = re.compile(rf"{TOKEN}(?:[ \t]+(?:(?:{'|'.join(PARTICLES)}|of|of[ \t]+the)[ \t]+)?{TOKEN})*")
KEEP_PERIOD = {"inc", "corp", "co", "ltd", "jr", "sr", "st"}
EXTRA_TITLES = set(
    "sen supt chairwoman chairman congressman congresswoman councilwoman councilman spokesman spokeswoman "
    "spokesperson superintendent postmaster auditor inspector steward negotiator negotiators chair ceo cfo coo "
    "leader head mp mep dean coach striker midfielder defender goalkeeper captain owner founder director "
    "engineer scientist author lawyer agent editor analyst trustee commissioner treasurer clerk".split())
TITLE_WORDS = frozenset({t.strip(".") for t in CONSTANTS.titles} | EXTRA_TITLES)
ROLE_EXPANSIONS = {"gov": "governor", "rep": "representative", "sen": "senator", "supt": "superintendent",
                   "dr": "doctor", "gen": "general", "col": "colonel", "capt": "captain", "lt": "lieutenant",
                   "sgt": "sergeant", "prof": "professor", "pres": "president", "atty": "attorney", "cllr": "councillor",
                   "ceo": "executive", "amb": "ambassador", "det": "detective", "insp": "inspector"}
MALE_TITLES = set("mr sir lord king prince father brother chairman congressman councilman spokesman businessman "
                  "actor monsieur herr señor signor".split())
FEMALE_TITLES = set("mrs ms miss lady dame queen princess mother sister chairwoman congresswoman councilwoman "
                    "spokeswoman businesswoman actress madam madame mme mlle frau señora signora".split())
ORG_WORDS = frozenset(
    "inc inc. corp corp. co co. ltd ltd. llc plc gmbh ag motors foods media data capital airlines airline "
    "authority agency ministry department board council committee commission federation union guild local "
    "association society coalition party district university college school hospital project studios market "
    "provisions water electric energy health service services office court police army navy government "
    "administration church parish club rovers group holdings bank institute foundation centre center network "
    "news times gazette herald ledger post journal tv radio press bureau company corporation partners alliance "
    "organisation organization trust fund league assembly senate house congress parliament cabinet "
    "regulator commissioners department's".split())
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today "
    "tonight yesterday tomorrow".split())
US_STATES = frozenset(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho "
    "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota "
    "mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah "
    "vermont virginia washington wisconsin wyoming ala ariz ark calif colo conn del fla ga ill ind kan kans ky "
    "la md mass mich minn miss mo mont neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va "
    "wash wis wyo d.c".split())
LEADING_WORDS = frozenset(
    "the a an this that these those it he she they we i but and or so yet however then now on in at for as if "
    "when while after before meanwhile also earlier later his her their its our my your live breaking update "
    "updated exclusive watch read among every each both after according".split())
PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|across|around|throughout|downtown)\s+(?:the\s+)?$", re.I)
ROLE_NOUNS = frozenset(TITLE_WORDS | set(
    "nurse teacher parent resident witness owner driver worker neighbour neighbor activist member spokesperson "
    "official officer executive chief president mayor governor senator minister judge lawyer attorney".split()))
GENERIC_ORG_NOUNS = {"company": None, "firm": None, "automaker": None, "carmaker": None, "utility": None,
                     "airline": None, "club": None, "group": None, "chain": None, "retailer": None,
                     "grocer": None, "insurer": None, "lender": None, "bank": None, "studio": None,
                     "union": ("union", "federation", "guild", "local", "association", "brotherhood"),
                     "campaign": ("campaign",), "party": ("party",)}
NON_SPACE_RUN = re.compile(r"\S+")
POSSESSIVE_END = re.compile(r"[’']s?$")
APPOSITIVE_ROLE = re.compile(r",\s+(?:the|a|an|its|his|her|their|[\w’'.-]+[’']s)\s+((?:[\w’'.-]+\s+){0,4}?)([\w’'-]+)"
                             r"(?=\s+(?:of|for|at|who|with|in|on)\b|,|\.|$)")
REVERSED_APPOSITIVE = re.compile(r"\b(?:the|its|his|her|their|[\w’'.-]+[’']s)\s+((?:[\w’'.-]+\s+){0,2}?)"
                                 r"([\w’'-]+)(?:\s+of\s+[\w’' .-]+?)?,\s*$", re.I)
DOTTED_WORD = re.compile(r"[\w’'.-]+")
INITIALS = re.compile(r"(?:[A-Z]\.)+")
THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
AND_BETWEEN = re.compile(r"\s+and\s+")
LOWER_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")
LOWER_WORD_RUN = re.compile(r"\s+([a-z]+)")


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str:
    """"male", "female" or "" (unknown or ambiguous) for a first name, from `gender-guesser`."""
    guess = _detector().get_gender(name)
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(guess, "")


def is_first_name(word: str) -> bool:
    return _detector().get_gender(word) != "unknown"


@lru_cache(maxsize=1 << 16)
def _bare(word: str) -> str:
    return word.lower().strip(".’'").replace("’", "'")


def is_title(word: str) -> bool:
    return _bare(word) in TITLE_WORDS


def role_of(word: str) -> str:
    """A title word as a role noun ("Gov." -> "governor")."""
    bare = _bare(word)
    return ROLE_EXPANSIONS.get(bare, bare)


@dataclass(eq=False)
class Entity:
    """A person or organisation named in one article, and what the article says about it."""

    name: str
    kind: str  # person | group
    tokens: tuple[str, ...]
    gender: str = ""
    plural: bool = False
    roles: set[str] = field(default_factory=set)
    speaker: Speaker | None = None  # set when a lexicon speaker stands for it


@dataclass
class Cast:
    """Every name mention of an article (outside quotation marks), each pointing at its entity."""

    mentions: list[Mention]
    entities: list[Entity]
    role_holders: dict[str, list[tuple[int, Speaker]]]

    @cached_property
    def starts(self) -> list[int]:
        """Where each mention starts, in order (for bisection)."""
        return [m.start for m in self.mentions]

    def holder(self, role: str, pos: int) -> Speaker | None:
        """Who the article says holds a role ("mayor"): the last named before `pos`, else the first after."""
        holders = self.role_holders.get(role) or []
        before = [s for p, s in holders if p <= pos]
        if before:
            return before[-1]
        return holders[0][1] if holders else None

    def organisation(self, noun: str, pos: int) -> Speaker | None:
        """The organisation a noun stands for ("the authority" -> Riverton Transit Authority): the last one
        before `pos` whose name has the noun, else (for generic nouns such as "company") the last one."""
        wanted = GENERIC_ORG_NOUNS.get(noun, (noun,))
        groups = [m for m in self.mentions if m.speaker is not None and m.speaker.kind == "group"
                  and not m.speaker.plural]
        ordered = [m for m in groups if m.start <= pos][::-1] + [m for m in groups if m.start > pos]
        for m in ordered:
            words = {_bare(w) for w in m.speaker.name.split()}
            if wanted is None and words & ORG_WORDS or wanted is not None and words & set(wanted):
                return m.speaker
        return None


def _tokens_with_offsets(run: re.Match) -> list[tuple[int, int, str]]:
    return [(run.start() + m.start(), run.start() + m.end(), m.group()) for m in NON_SPACE_RUN.finditer(run.group())]


def _split_run(masked: str, run: re.Match, lo: int) -> list[list[tuple[int, int, str]]]:
    """The name-like pieces of a capitalised run: leading function words, time words and states cut out."""
    pieces: list[list[tuple[int, int, str]]] = [[]]
    for token in _tokens_with_offsets(run):
        bare = _bare(token[2])
        if bare in TIME_WORDS or bare in US_STATES or (not pieces[-1] and bare in LEADING_WORDS):
            pieces.append([])
            continue
        possessive = POSSESSIVE_END.search(token[2])
        if possessive and len(token[2]) > 2:
            token = (token[0], token[1] - len(possessive.group()), token[2][:possessive.start()])
        pieces[-1].append(token)
        if possessive:
            pieces.append([])
    return [_of_joined(p) for p in _split_of(pieces) if p and not (len(p) == 1 and len(p[0][2]) < 2)]


def _split_of(pieces: list[list[tuple[int, int, str]]]) -> list[list[tuple[int, int, str]]]:
    """"Port of Calloway Authority", "Health Ministry of Tarvania" stay whole; "Democrat of Ohio" is split."""
    out = []
    for piece in pieces:
        words = [t[2] for t in piece]
        if any(_bare(t) in PARTICLES or t in ("of", "the") for t in words) and not {_bare(t) for t in words} & ORG_WORDS:
            current: list[tuple[int, int, str]] = []
            for token in piece:
                if token[2] in ("of", "the"):
                    out.append(current)
                    current = []
                else:
                    current.append(token)
            out.append(current)
        else:
            out.append(piece)
    return [p for p in out if p]


def _of_joined(piece: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    return [t for t in piece if t[2] not in ("of", "the") or t is not piece[0]]


def _is_place(masked: str, piece: list[tuple[int, int, str]], lo: int) -> bool:
    before = masked[max(lo, piece[0][0] - 30):piece[0][0]]
    words = {_bare(t[2]) for t in piece}
    if words & ORG_WORDS:
        return False
    return bool(PLACE_BEFORE.search(before)) and not any(is_first_name(t[2]) or is_title(t[2]) for t in piece)


def _classify(piece: list[tuple[int, int, str]]) -> tuple[list, list]:
    """(title tokens, name tokens): the name follows the last title word that is not the final word."""
    cut = 0
    for n, token in enumerate(piece[:-1]):
        if is_title(token[2]) or token[2].isupper() and len(token[2]) > 1 and _bare(token[2]) not in ORG_WORDS:
            cut = n + 1
    if not {_bare(t[2]) for t in piece} & ORG_WORDS:
        first = next((n for n, t in enumerate(piece) if n >= cut and is_first_name(t[2])), None)
        if first is not None and first > cut:
            cut = first
    return piece[:cut], piece[cut:]


def _gender(titles: list[str], name_tokens: list[str]) -> str:
    bare = {_bare(t) for t in titles}
    if bare & MALE_TITLES:
        return "male"
    if bare & FEMALE_TITLES:
        return "female"
    return first_name_gender(name_tokens[0]) if len(name_tokens) >= 2 else ""


def _appositive_role(masked: str, end: int, hi: int) -> str | None:
    """"NAME, the president of …," / "NAME, a nurse who …": the role noun of an appositive after a name."""
    match = APPOSITIVE_ROLE.match(masked[end:hi])
    if match and role_of(match.group(2)) in ROLE_NOUNS:
        return role_of(match.group(2))
    return None


def _role_before(masked: str, start: int, lo: int) -> list[str]:
    """Role words printed just before a name: lower-case titles ("union leader Oluwaseun Adeyemi") and a
    reversed appositive ("The town's mayor, Dwayne Pettiford")."""
    before = masked[max(lo, start - 60):start]
    reversed_appositive = REVERSED_APPOSITIVE.search(before)
    if reversed_appositive and role_of(reversed_appositive.group(2)) in ROLE_NOUNS:
        return [role_of(reversed_appositive.group(2))]
    words = DOTTED_WORD.findall(before)
    roles = []
    for word in reversed(words[-3:]):
        if word[0].isupper() or not is_title(word):
            break
        roles.append(role_of(word))
    return roles


def _entity_key(tokens: tuple[str, ...]) -> str:
    return " ".join(tokens).replace("’", "'").lower()


def find_cast(masked: str, paragraphs: list[tuple[int, int, int]], book: SpeakerBook) -> Cast:
    """The names of one article (its text with quotations masked) and the entities they stand for."""
    raw: list[tuple[int, int, list[str], list[str], int, int]] = []
    for _, lo, hi in paragraphs:
        after = masked[hi:AFTER_PARAGRAPH.match(masked, hi).end() + 1]
        raw += [(lo + start, lo + end, list(titles), list(names), lo, hi)
                for start, end, titles, names in _paragraph_names(masked[lo:hi], after)]
    return _join(masked, _without_capitalised_openers(masked, raw), book)


AFTER_PARAGRAPH = re.compile(r"\s*[a-z]*")  # all a name's "speaker noun" check can read past its paragraph


@lru_cache(maxsize=1 << 15)
def _paragraph_names(paragraph: str, after: str) -> tuple[tuple[int, int, tuple[str, ...], tuple[str, ...]], ...]:
    """(start, end, title words, name words) of each name in one masked paragraph, offsets from its start;
    `after` is the text after it that the checks read (`AFTER_PARAGRAPH` and one character). A function of
    the two, so kept: syndicated copy repeats paragraphs word for word."""
    masked, lo, hi = paragraph + after, 0, len(paragraph)
    found = []
    for run in RUN_RE.finditer(masked, dateline_length(paragraph), hi):
        if run.group().isupper() and run.end() < hi and masked[run.end()] == ":":
            continue
        for piece in _split_run(masked, run, lo):
            if _is_place(masked, piece, lo) or masked[piece[-1][1]:piece[-1][1] + 1] == ")" \
                    and "(" in masked[max(lo, piece[0][0] - 3):piece[0][0]]:
                continue
            end = piece[-1][1]
            if LOWER_WORD_AFTER.match(masked, end, end + 30) and \
                    LOWER_WORD_RUN.match(masked, end).group(1) in SPEAKER_NOUNS:
                continue
            titles, names = _classify(piece)
            if names:
                found.append((names[0][0], names[-1][1], tuple(t[2] for t in titles), tuple(t[2] for t in names)))
    return tuple(found)


def _without_capitalised_openers(masked: str, raw: list) -> list:
    """Drop a lone capitalised word that opens a sentence ("Critics call ...", "Dealers will ...") unless it is
    a first name or the article also prints it capitalised elsewhere (a surname, an organisation)."""
    elsewhere: dict[str, int] = {}
    for start, end, titles, names, lo, hi in raw:
        for name in names:
            elsewhere[name] = elsewhere.get(name, 0) + 1
    kept = []
    for item in raw:
        start, end, titles, names, lo, hi = item
        before = masked[lo:start].rstrip()
        opener = not before or before[-1] in ".!?:—–\ue000"
        if opener and len(names) == 1 and not titles and elsewhere[names[0]] == 1 and not is_first_name(names[0]):
            continue
        kept.append(item)
    return kept


def _join(masked: str, raw: list, book: SpeakerBook) -> Cast:
    """One entity per person or organisation: fullest names first, then surnames and short forms onto them."""
    entities: dict[str, Entity] = {}
    full = sorted(raw, key=lambda r: -len(r[3]))
    owner: dict[int, Entity] = {}
    for start, end, titles, names, lo, hi in full:
        tokens = tuple(n.rstrip(",") if INITIALS.fullmatch(n) or _bare(n) in KEEP_PERIOD
                       else n.rstrip(".,") for n in names)
        is_org = bool({_bare(t) for t in tokens} & ORG_WORDS) or \
            THE_BEFORE.search(masked[max(lo, start - 5):start]) is not None and len(tokens) >= 2
        match = _existing(entities, tokens, is_org)
        if match is None:
            kind = "group" if is_org else ("person" if len(tokens) >= 2 or is_first_name(tokens[0])
                                           or {_bare(t) for t in titles} & (MALE_TITLES | FEMALE_TITLES | TITLE_WORDS)
                                           else "group")
            match = Entity(" ".join(tokens), kind, tokens, _gender(titles, list(tokens)) if kind == "person" else "")
            entities[_entity_key(tokens)] = match
        elif not match.gender and match.kind == "person":
            match.gender = _gender(titles, list(match.tokens))
        match.roles.update(role_of(t) for t in titles if is_title(t))
        owner[start] = match
    return _cast(masked, raw, owner, book)


def _existing(entities: dict[str, Entity], tokens: tuple[str, ...], is_org: bool) -> Entity | None:
    key = _entity_key(tokens)
    if key in entities:
        return entities[key]
    for entity in reversed(list(entities.values())):
        if len(tokens) == 1 and tokens[0] in entity.tokens and (entity.kind == "group" or tokens[0] in entity.tokens[1:]
                                                                  or tokens[0] == entity.tokens[0]):
            return entity
        if not is_org and entity.kind == "person" and len(tokens) >= 2 and tokens[-1] == entity.tokens[-1] \
                and tokens[0] == entity.tokens[0]:
            return entity
    return None


def _speaker_for(entity: Entity, book: SpeakerBook) -> Speaker:
    listed = book.canonical(entity.name) or (book.canonical(entity.tokens[-1]) if entity.kind == "person" else None)
    if listed is not None:
        return listed
    return Speaker(entity.name, UNKNOWN_SIDE, "", entity.kind, entity.gender, entity.plural)


def _cast(masked: str, raw: list, owner: dict[int, Entity], book: SpeakerBook) -> Cast:
    speakers = {id(e): _speaker_for(e, book) for e in owner.values()}
    mentions: list[Mention] = []
    role_holders: dict[str, list[tuple[int, Speaker]]] = {}
    for start, end, titles, names, lo, hi in sorted(raw, key=lambda r: r[0]):
        entity = owner[start]
        speaker = speakers[id(entity)]
        mentions.append(Mention(start, end, masked[start:end], speaker, "name"))
        roles = [role_of(t) for t in titles if is_title(t)] + _role_before(masked, start, lo)
        appositive = _appositive_role(masked, end, hi)
        if appositive:
            roles.append(appositive)
        for role in roles:
            role_holders.setdefault(role, []).append((start, speaker))
    mentions += _joint_mentions(masked, mentions)
    return Cast(sorted(mentions, key=lambda m: (m.start, -m.end)), list(dict.fromkeys(owner.values())),
                role_holders)


def _joint_mentions(masked: str, mentions: list[Mention]) -> list[Mention]:
    """"Mei and Daniel Hoffmann", "Rosa Delgado and Kwame Mensah", "Fairway Provisions and Hilltop Market":
    two names joined by "and" are also one plural speaker ("they said")."""
    joint = []
    for a, b in zip(mentions, mentions[1:]):
        if AND_BETWEEN.fullmatch(masked[a.end:b.start]) and a.speaker.kind == b.speaker.kind:
            name = masked[a.start:b.end] if a.speaker.kind == "person" else f"{a.speaker.name} and {b.speaker.name}"
            if a.speaker.kind == "person" and len(a.printed.split()) > 1:
                name = f"{a.speaker.name} and {b.speaker.name}"
            joint.append(Mention(a.start, b.end, masked[a.start:b.end],
                                 Speaker(" ".join(name.split()), UNKNOWN_SIDE, "", "group", "", True), "name"))
    return joint


def with_learned_gender(speaker: Speaker, gender: str) -> Speaker:
    return replace(speaker, gender=gender)

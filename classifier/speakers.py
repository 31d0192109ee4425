"""Stage 2: who said each quotation.

Candidate mentions (names, pronouns, roles, spokespeople, documents) are found in the reporter's
text, each resolved to a canonical entity by rules over the article (surnames and titles to full
names, roles by apposition, spokespeople to their organisation) and pronouns by a learned resolver
(``pronouns.py``). A learned ranker then scores every (quotation, mention) pair; the best mention's
entity is the speaker. A ``previous`` pseudo-mention carries the speaker of the quotation before,
for quotes that continue without attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from threadpoolctl import ThreadpoolController

from .config import SEED
from .features import NumericDictVectorizer
from .pronouns import FINDINGS_HEADS, first_name_gender
from .pronouns import resolve as resolve_pronouns
from .quotes import REPORTING_FORMS, REPORTING_VERBS
from .text import paragraphs
from .types import Attribution, Mention, Quotation, Span

_WORDS = lambda s: frozenset(s.split())  # noqa: E731

NOT_NAMES = _WORDS(
    """The A An And But Or So Yet If In On At By For From To Of With As After Before When While
    Since Until During Under Over Into Its It He She They We I You His Her Their Our My Your This
    That These Those There Here Then Now However Meanwhile Also Although Though Because Both Each
    Every Many Most Some Several Other Others Another Such What Which Who Whom Whose Where Why How
    Asked Speaking Writing Responding Despite Last Next Earlier Later Today Yesterday Tomorrow
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Image Published Related Follow Read More
    Updated Mrs Mr Ms Miss Dr Sir Dame Lord Lady Prof Professor Rev Cllr Not No Yes One Two Three
    According Besides Former Under Among Without Within Against Through Including Once Only Even Still
    Just Neither Nor Whether GMT BST EST EDT ET CET CEST UTC PST PDT CST CDT MST AM PM IST AEST AEDT
    ACST ACDT AWST NZST NZDT Mon Tue Tues Wed Thu Thur Thurs Fri Sat Feb Apr Aug Sep Sept Oct Nov Dec"""
)
TITLES = _WORDS(
    """Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Prof Professor Rev Reverend Cllr Councillor Sen
    Senator Rep Representative Gov Governor President Vice Prime Minister Secretary Chancellor Mayor
    Home Foreign Health Education Justice Defence Defense Business Culture Transport Environment
    Shadow Deputy Acting Interim Chief Executive Commissioner Superintendent Inspector Detective
    Sergeant Constable Officer Chair Chairman Chairwoman Director General Judge Justice Coach
    Manager Captain Attorney Speaker Leader Labour Conservative Tory Democrat Democratic Republican
    Green Liberal Reform Minority Majority State Treasury Energy Interior Commerce Trade Housing
    Communities Work Pensions Agriculture Science Technology Digital Security Policing Crime Sports
    Sport Assistant Associate Senior Junior Principal Head Headteacher Bishop Archbishop
    Father Sister Brother Pastor Rabbi Imam Judge Magistrate Coroner Sheriff Police Fire Chief.
    Sen. Rep. Gov. Dr. Mr. Mrs. Ms. Lt Lt. Col Col. Gen Gen. Capt Capt. Sgt Sgt. CEO Councilman
    Councilwoman Alderman Assemblyman Assemblywoman Congressman Congresswoman Delegate Ambassador
    MP MSP MEP AM Lady Baroness Baron Earl King Queen Prince Princess"""
)
ORG_WORDS = _WORDS(
    """Council Office Department Ministry Police Service Services Trust Party Association Union
    Commission Agency Authority Board University College School Academy Club FC United City Ltd
    Inc Plc plc LLC Corp Corporation Company Group Bank Foundation Institute Society Network
    Committee Court Parliament Government Inspectorate NHS Federation League Alliance Coalition
    Campaign Hospital Airport Railway Railways Energy Water Partners Holdings Industries Airlines
    Airways Times Post News Press Guardian Journal BBC Reuters Associated Board Watchdog Unit
    Centre Center Centres Centers Fund Forum Confederation Congress Senate House Assembly Cabinet
    Treasury Bureau Administration Force Forces Army Navy Command Prison Prisons Tribunal Regulator
    Ofsted Ofcom Ofgem Ofwat Council's Institute Laboratory Laboratories Media Studios Records Festival
    Theatre Museum Gallery Orchestra Opera Library Church Diocese Mosque Council. Chamber Caucus Labs Motors
    Pharmaceuticals Technologies Systems Solutions Co Brands Stores Supermarkets Group's Initiative
    Project Programme Program Collective Cooperative Co-operative Friends Watch Action Network
    Organisation Organization Pictures Films Productions Entertainment"""
)
# Football clubs' last words ("Castleford Rovers"): a body, though it reads like a person's name,
# and the word alone ("Rovers said") is the club.
TEAM_WORDS = _WORDS("Rovers Rangers Wanderers Athletic Albion Hotspur Town")
# How a club's name ends, for "the club" ("Fenbridge United", "Derby County"); these end other
# names too ("Kansas City"), so only "the club" reads them
_CLUB_ENDS = TEAM_WORDS | _WORDS("United City FC Club County")
# What a business is called by its trade ("the carmaker", "the lender"): a role's head and a body's
TRADE_NOUNS = _WORDS(
    """carmaker automaker manufacturer supermarket grocer chain lender miner brewer supplier carrier
    startup giant conglomerate consultancy"""
)
ROLE_HEADS = TRADE_NOUNS | _WORDS(
    """minister secretary mayor chancellor president governor senator councillor councilor
    leader chief chairman chairwoman chair director executive boss manager coach captain officer
    commissioner inspector judge prosecutor prosecutors lawyer attorney campaigner activist resident
    official source analyst expert professor economist doctor nurse teacher headteacher principal
    founder owner mp congressman congresswoman lawmaker legislator spokesman spokeswoman
    spokesperson superintendent sheriff detective constable sergeant council department ministry
    government club company firm trust union party board authority agency regulator watchdog force
    police committee group organisation organization charity school university hospital airline bank
    operator developer insurer retailer landlord publisher broadcaster commission administration
    inspectorate service team campaign coalition alliance association federation league chairperson
    candidate challenger incumbent opponent rival premier envoy ambassador diplomat general
    commander striker midfielder defender goalkeeper player winger forward manager's head mother
    father parent parents widow son daughter brother sister neighbour neighbor shopkeeper owner
    worker workers driver farmer fisherman student pupil graduate scientist researcher author
    novelist director actor actress singer artist curator architect engineer builder investor
    trader banker regulator ombudsman auditor watchdog inquiry coroner magistrate aide aides staffer
    voter voters residents court jury panel midwife paramedic surgeon consultant pharmacist carer
    firefighter backbencher passenger commuter protester supporter colleague patient tenant customer
    volunteer organiser organizer insider whistleblower lecturer pilot steward stallholder negotiator"""
)
# Offices a story's protagonist holds: "the mayor" with no apposition is most often its main person.
OFFICE_HEADS = _WORDS(
    """minister secretary mayor chancellor president governor senator councillor councilor leader
    chief chairman chairwoman chair chairperson director executive boss manager coach captain
    commissioner superintendent sheriff premier ambassador envoy mp congressman congresswoman
    lawmaker founder owner headteacher principal"""
)
MEDIA_WORDS = _WORDS(
    """BBC ITV Sky CNN NBC ABC CBS NPR Fox Reuters AP Associated Press News Times Post Journal
    Guardian Telegraph Mail Mirror Express Sun Standard Independent Observer Herald Tribune Gazette
    Chronicle Radio Television TV Channel Today Magazine Politico Bloomberg"""
)
SPOKES_HEADS = _WORDS("spokesman spokeswoman spokesperson spokesmen spokeswomen representative")
DOC_HEADS = _WORDS(
    """report statement letter review inquiry study survey ruling judgment judgement filing lawsuit
    complaint memo memorandum findings document documents audit assessment analysis paper plan
    strategy submission briefing guidance notice press-release release email post tweet blog
    manifesto motion petition verdict order consultation evaluation investigation"""
)
# Bodies whose job is to judge others: a report with no named owner (FINDINGS_HEADS) is by the
# inspectorate the story names, not by the school it inspected.
EXAMINER_WORDS = _WORDS(
    "Ofsted Ofgem Ofwat Ofcom Inspectorate Ombudsman Auditor Audit Regulator Watchdog Commission HMICFRS CQC"
)
ORG_HEADS = TRADE_NOUNS | _WORDS(
    """council department ministry government club company firm trust union party board authority
    agency regulator watchdog force police committee group organisation organization charity school
    university hospital airline bank operator developer insurer retailer publisher broadcaster
    commission administration inspectorate service team campaign coalition alliance association
    federation league office court"""
)
# Bodies whose names carry their kind ("Riverside Council", "Court of Appeal"): "the council" is the
# latest body so named, not merely the latest body.
NAMING_HEADS = _WORDS(
    """council court university hospital school college committee commission inspectorate ministry
    department police agency authority board trust"""
)
MALE = _WORDS(
    """mr sir lord he him his spokesman chairman congressman councilman father son brother king
    prince baron earl"""
)
FEMALE = _WORDS(
    """mrs ms miss dame lady she her spokeswoman chairwoman congresswoman councilwoman mother
    daughter sister queen princess baroness"""
)
# Governments named by where they sit ("Downing Street said", "the Kremlin said it"): bodies, though
# they look like a street, a building or a person. A list, because no article says which they are.
SEATS_OF_GOVERNMENT = frozenset(
    {
        "Downing Street",
        "No 10",
        "Whitehall",
        "White House",
        "Kremlin",
        "Pentagon",
        "Élysée",
        "Elysée",
        "Elysee",
        "Holyrood",
        "Stormont",
        "Zhongnanhai",
    }
)
# "No 10" (or "Number 10") is Downing Street; a name run has no digits, so it is found apart. Not
# "No. 10", which is more often a ranking ("No. 10 Alabama") than Downing Street.
_NUMBER_TEN = re.compile(r"\b(?:No|Number)[ \t]?10\b")
# Names of places, never of people: "Station Parade", "River Parrett", "West Pennine".
PLACE_FIRST_WORDS = _WORDS(
    """North South East West Northern Southern Eastern Western Upper Lower Greater New Old Mount
    Lake River Port Fort Saint St St. Cape Isle Station Little"""
)
PLACE_LAST_WORDS = _WORDS(  # not Hill, Green, Lane, Park, Street: surnames too
    """Road Avenue Parade Square Terrace Crescent Quay Wharf Harbour Estate Valley River Reservoir
    Canal Hills Mountains Coast Sea Ocean County Shire Borough Village Stadium Arena Island Islands
    Close Closes Drive Way Boulevard Gardens Grove Mews"""
)
_DESCRIPTION_HEADS = ROLE_HEADS | DOC_HEADS

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_NAME_WORD = rf"[{_UPPER}][\w’'\-]*"
# Departments named by a list: "Department for Environment, Food and Rural Affairs".
_LISTED_BODY = (
    rf"(?:{_NAME_WORD}[ \t]+)*?(?:Department|Ministry|Office)[ \t]+(?:for|of)[ \t]+{_NAME_WORD}"
    rf"(?:,[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*)+,?[ \t]+and[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*"
)
_MIDDLE_INITIAL = r"(?:[A-Z]\.[ \t]+(?!(?:The|A|An|It|He|She|They|We|In|On|At|But|And|This|That)\b))?"
_NAME_RUN = re.compile(
    rf"(?<![\w’'])(?:{_LISTED_BODY}|{_NAME_WORD}"
    rf"(?:[ \t]+{_MIDDLE_INITIAL}"  # "Raymond T. Kowalski"
    r"(?:(?:of|for|and|&|the|de|da|del|della|van|von|der|den|le|la|al|el|bin|ibn|du)[ \t]+)*"
    rf"{_NAME_WORD})*)"
)
# Where one sentence ends and the next begins
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]|\n")
_TITLE = "|".join(sorted(TITLES))
_PERSONAL_TITLES = _WORDS("Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady")  # never with a point: runs stop at one
# The titles just before a name: "Judge ", "Home Secretary ", "Sen. "
_TITLES_BEFORE = re.compile(rf"(?:\b(?:{_TITLE})\.?[ \t]+)+$")
# A title written with a point ends a name run of its own: "Sen." before "Anson Tredway"
_DOTTED_TITLE = re.compile(rf"\b({_TITLE})\.[ \t]+$")
_DETERMINED = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[A-Z][\w\-]*[’']s)"
    r"((?:[ \t]+[\w\-]+(?:[’']s)?){1,4})\b",  # "the council's leader"
)
_NOT_MODIFIERS = _WORDS(
    """while and or but of to in on at for with who whom whose that which is was are were has had
    have be been as by from than then when where said says told a an the this these those its his
    her their our my your it he she they we not no if so also just only even after before"""
)
# "told BBC Sussex", "speaking on BBC Radio 4": an outlet owns no later "the company"
_LISTENER = re.compile(
    r"\b(?:told|telling|(?:speaking|talking|spoke|talked) to|(?:speaking|appearing) on|interview with)"
    r"\s+(?:the\s+)?$",
    re.I,
)
_TITLED_APPOSITION = re.compile(rf",[ \t]+(?:(?:{_TITLE})\.?[ \t]+)+")
_APPOSITION_END = re.compile(r"\s*(?:[,.;:)—–]|$|\s(?:of|for|at|who|whose)\b)")
_POSSESSOR = r"([\w\-]+)[’']s\b"  # "the board's report", "Trump's chief of staff"
_OWNED = re.compile(r"(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur)\b|" + _POSSESSOR)
# "the consultancy ", "the campaign group ": a body's common noun just before its name
_BODY_NOUN_BEFORE = re.compile(
    r"\b[Tt]he[ \t]+(?:[a-z’'\-]+[ \t]+){0,2}(?:" + "|".join(sorted(ORG_HEADS)) + r")[ \t]+$"
)
_POSSESSED_DOCUMENT = re.compile(
    r"\b[Tt]he[ \t]+([a-z][\w\-]*)[’']s[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:"
    + "|".join(sorted(DOC_HEADS))
    + r")\b"
)
_LOWER_NOUN = re.compile(r"\b(?:the|a|an|its|their|our|his|her)\s+([a-z][a-z’'\-]+)\b")
_IN_INTRO = re.compile(r"(?:^|[.!?\n][\"”’']?\s*)In[ \t]+$")  # "In a statement, ..."
_SOURCES = re.compile(
    rf"\b(?:(?:[Aa]n?|[Oo]ne)[ \t]+)?"
    rf"(?:(?:No|Number)[ \t]10|[{_UPPER}][\w’'\-]*(?:[ \t]+[{_UPPER}][\w’'\-]*)*)"
    r"[ \t]+(?:sources?|insiders?)\b"
)
_PRONOUN = re.compile(r"\b(?:he|she|they|it|we|He|She|They|It|We)\b")
_NON_SPACE = re.compile(r"\S+")
_PLAIN_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s*")
_POSSESSIVE_END = re.compile(r"[’']s$")
_SENTENCE_BEFORE = re.compile(r"[.!?:\n][\s\"“”‘’']*$")
_SUBJECT_START = re.compile(r"[.!?\n][\"”’']?\s*$")  # unlike _SENTENCE_BEFORE, a colon opens no subject
# when a document was written, between it and its author: "a report last month by"
_WHEN = (
    r"(?:\s+(?:(?:last|this|earlier|next)\s+(?:week|month|year|spring|summer|autumn|fall|winter)"
    r"|(?:on|in)\s+[A-Z][a-z]+))?"
)
# what a description is of or for: "for the council", "of the Dutch government", "by Ofsted",
# ", carried out by the Flood Risk Partnership", "a study published on Tuesday by"
_COMPLEMENT = re.compile(
    r"(?:,?" + _WHEN + r"\s+(?:(?:carried\s+out|conducted|written|drawn\s+up|produced|compiled|published"
    r"|prepared|led|chaired|headed|authored|filed|brought|issued|sent|released|submitted|lodged|signed)"
    + _WHEN
    + r"\s+)?by"
    r"|\s+(?:for|of|at|from|to|with|by))\s+((?:the\s+)?(?:(?:[A-Z]\.){2,}\s+)?[\w’'\-]+(?:\s+[A-Z][\w’'\-]*)*"
    r"(?:(?:\s+[a-z]+)?\s+(?:" + "|".join(sorted(ORG_HEADS)) + r")\b)?)"
)
# Where an unnamed speaker is from: "one resident in Kirkstall", "a source close to the chancellor",
# up to five words, stopping at punctuation or a word that starts a clause ("who", "said", "on")
_NOT_WHERE = REPORTING_FORMS | _WORDS(
    """who which that and but when while as after before on has had was is were are will would
    spoke speaks did does do could can may might"""
)
_WHERE_FROM = re.compile(
    r"[ \t]+((?:in|at|from|close[ \t]+to|familiar[ \t]+with)"
    r"(?:[ \t]+(?!(?:" + "|".join(sorted(_NOT_WHERE)) + r")\b)[\w’'\-]+){1,5})\b"
)
_LOCATIVE = re.compile(r"\b(?:in|near|across|inside|around|outside)\s+$")  # "floods in Kirkstall"
_PLACE_WORD = re.compile(r"\b(?:the|The|in|at|across|near|inside)\s+")
_BOUNDARY = re.compile(r"\b")
_VERBS = "|".join(sorted(REPORTING_VERBS))
_BODY_CUE = re.compile(r",\s+which\b|\s+(?:" + _VERBS + r")\s+(?:that\s+)?it\b")
_VERB_AFTER = re.compile(r"\s+(?:" + _VERBS + r")\b")
# "Sen. Chris Murphy, D-Conn., said", "Robertson, who felt his team was wronged, said:"
_ASIDE_THEN_VERB = re.compile(r",[^,;:“”\"\n]{1,100}?,\s+(?:" + _VERBS + r")\b")
# "the 31-year-old said": an age stands for the person it was given with ("Gary Mottram, 31,",
# "31-year-old Gary Mottram"), else for the story's protagonist
_AGE = re.compile(r"\d{1,3}-year-old")
_AGE_AFTER_NAME = re.compile(r",[ \t]+(\d{1,3}),")
_AGE_BEFORE_NAME = re.compile(r"\b(\d{1,3})-year-old[ \t]+(?:[a-z][\w\-]*[ \t]+){0,3}$")
_SENTENCE_ENDS = frozenset(".!?")
_GAP_TOKEN = re.compile(r"[\w’']+|[:,.;!?]")
_NEAR_TOKEN = re.compile(r"[\w’']+|[:,.;]")
_ROLE_BEFORE = re.compile(r"((?:[a-z][\w\-]*[ \t]+){0,2}[a-z][\w\-]*)[ \t]+$")
# A headline or standfirst names its speaker by a bare role, with no article: "Chief inspector says
# jail is 'failing'", "Fortnightly plan 'will save millions' - council leader", "principals warn";
# so does a live blog's entry heading ("Transport secretary: 'This strike is indefensible'").
HEADLINE_LINES = 3  # the headline, the standfirst and one line of furniture between them
HEADING_CHARS = 120  # a shorter line later on, with no full stop, heads an entry or a section
_HEADLINE_HEADS = ROLE_HEADS | _WORDS("msp mla mep")
_HEADLINE_ROLE = (
    r"((?:[A-Za-z][\w’'\-]*[ \t]+){0,2}?(?:"
    + "|".join(sorted(_HEADLINE_HEADS, key=len, reverse=True))
    + r")s?)"
)
_HEADLINE_VERBS = "|".join(
    sorted(
        REPORTING_VERBS
        | _WORDS("blames blame hits attacks slams backs warn claim call accuse insist urge demand vow deny")
    )
)
_HEADLINE_SPEAKER = re.compile(
    rf"(?:^|[:;,][ \t]+|\b(?:as|and|but|while|after|amid)[ \t]+){_HEADLINE_ROLE}[ \t]+(?:{_HEADLINE_VERBS})\b"
    rf"|(?:\b(?:says?|warns?|claims?)|[ \t][-–—])[ \t]+{_HEADLINE_ROLE}[ \t]*$"
    rf"|^{_HEADLINE_ROLE}:[ \t]",
    re.I,
)


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str  # person | org | description
    gender: str  # m | f | ""


@dataclass(frozen=True)
class Candidate:
    """A mention considered as the speaker of one quotation, or the previous quotation's speaker."""

    mention: Mention | None  # None for the "previous" pseudo-mention
    entity: str
    kind: str


@dataclass(frozen=True)
class Article:
    """What the ranker needs to know about an article: its text, quotations and mentions."""

    text: str
    quotations: tuple[Quotation, ...]
    mentions: tuple[Mention, ...]
    paragraph_starts: tuple[int, ...]
    entity_kinds: dict
    entity_genders: dict  # from titles: "m" or "f"
    first_name_genders: dict  # the usual gender of each person's first name, "" if unknown

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    @cached_property
    def mention_paragraphs(self) -> tuple[int, ...]:
        """The paragraph of each mention, in ``mentions`` order."""
        return tuple(self.paragraph_of(m.span.start) for m in self.mentions)

    @cached_property
    def speakers_in_paragraph(self) -> Counter[int]:
        """How many mentions other than documents each paragraph holds."""
        paragraphs = zip(self.mentions, self.mention_paragraphs, strict=True)
        return Counter(paragraph for m, paragraph in paragraphs if m.kind != "doc")

    @cached_property
    def speaker_starts(self) -> list[int]:
        """Sorted start offsets of the mentions other than documents."""
        return sorted(m.span.start for m in self.mentions if m.kind != "doc")

    @cached_property
    def sentence_openers(self) -> frozenset[int]:
        """Start offsets of the mentions that open their sentence, so are likely its subject."""
        return frozenset(m.span.start for m in self.mentions if _opens_sentence(self.text, m.span.start))

    @cached_property
    def verb_cues(self) -> dict[tuple[int, int], dict[str, float]]:
        """The reporting-verb cues around each mention's span, by (start, end)."""
        return {(m.span.start, m.span.end): _verb_cues(self.text, m.span) for m in self.mentions}

    @cached_property
    def tokens(self) -> tuple[list[int], list[int], list[str]]:
        """Start and end offsets and lower-cased text of every ``_GAP_TOKEN`` of the article, so
        the gap between a quotation and each of its many candidates is not tokenised anew."""
        found = list(_GAP_TOKEN.finditer(self.text))
        return [t.start() for t in found], [t.end() for t in found], [t.group().lower() for t in found]

    def words_between(self, start: int, end: int) -> list[str]:
        """``_GAP_TOKEN.findall(text[start:end].lower())``, from ``tokens``. Pieces of the words cut
        by ``start`` or ``end`` ("’s" after "Khan") are tokenised from the text."""
        starts, ends, words = self.tokens
        first, last = bisect_left(starts, start), bisect_right(ends, end)
        if first >= last:
            return _GAP_TOKEN.findall(self.text[start:end].lower())
        head = _GAP_TOKEN.findall(self.text[start : starts[first]].lower())
        tail = _GAP_TOKEN.findall(self.text[ends[last - 1] : end].lower())
        return head + words[first:last] + tail

    @cached_property
    def quotation_places(self) -> tuple[tuple[int, int, bool], ...]:
        """Per quotation: its first and last paragraph, and whether it opens its paragraph."""
        places = []
        for quotation in self.quotations:
            first = self.paragraph_of(quotation.start)
            opens = not self.text[self.paragraph_starts[first] : quotation.start - 1].strip()
            places.append((first, self.paragraph_of(quotation.end), opens))
        return tuple(places)

    @cached_property
    def quotation_closes_paragraph(self) -> tuple[bool, ...]:
        """Per quotation: does only punctuation follow it in its last paragraph (a headline quote
        or a quote whose speaker the next paragraph names)?"""
        starts, closes = self.paragraph_starts, []
        for quotation, (_, last, _) in zip(self.quotations, self.quotation_places, strict=True):
            end = starts[last + 1] if last + 1 < len(starts) else len(self.text)
            closes.append(not self.text[quotation.end : end].strip(" \t\n\"”’'.,"))
        return tuple(closes)


# ---------------------------------------------------------------------------- mentions


def _opens_sentence(text: str, start: int) -> bool:
    """Does the mention open its sentence, after any titles ("Judge Martin Ockenden, who ...")?"""
    before = text[max(0, start - 30) : start]
    if titled := _TITLES_BEFORE.search(before):
        before = text[max(0, start - len(titled.group()) - 30) : start - len(titled.group())]
    return not before.strip() or bool(_SUBJECT_START.search(before))


def _is_title(word: str) -> bool:
    return word.rstrip(".") in TITLES  # "Sen." as "Sen"


def _strip_name(
    tokens: list[str],
    *,
    sentence_initial: bool = False,
    common: frozenset[str] = frozenset(),
    text: str = "",
    first_names: Container[str] = frozenset(),
) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title words, name words).

    A sentence-initial word the corpus mostly writes in lower case ("Residents of Ardnish") is
    capitalised only by position, so it is dropped unless the run names an organisation or the
    word is a title ("Chancellor Jane Doe", which the corpus writes "chancellor" elsewhere), or
    it opens a name the article never writes it in lower case with (``_kept_capital``)."""
    majesty = len(tokens) > 2 and tokens[1] in ("Majesty’s", "Majesty's")  # "His Majesty's Treasury"
    while tokens and tokens[0] in NOT_NAMES and tokens[0] not in TITLES and not majesty:
        tokens = tokens[1:]
        sentence_initial = True
    is_org = any(t in ORG_WORDS for t in tokens)
    if (
        sentence_initial
        and tokens
        and not is_org
        and tokens[0].lower() in common
        and not _is_title(tokens[0])
        and not _kept_capital(tokens, text, first_names)
    ):
        tokens = tokens[1:]
        while tokens and tokens[0].islower():
            tokens = tokens[1:]
    titles = []
    if not is_org and not _is_acronym(tokens):
        while len(tokens) > 1 and _is_title(tokens[0]):
            titles.append(tokens.pop(0))
    while tokens and tokens[-1] in ("of", "for", "and", "&", "the"):
        tokens.pop()
    if tokens and tokens[0] in TITLES and len(tokens) == 1:
        titles.append(tokens.pop(0))
    return titles, tokens


def _kept_capital(tokens: list[str], text: str, first_names: Container[str]) -> bool:
    """Is a sentence-initial common word part of the name after all: a first name ("Kit Mallory",
    "Mark Denton") or a body's first word ("Citizens Advice", "Keep Oakworth Births"), since the
    article never writes it in lower case? Not a role before a person's full name ("Referee Neil
    Scarisbrick"), a title or document after it ("District Attorney", "Spring Statement"), or a
    possessive ("That’s PMQs")."""
    if len(tokens) < 2 or not tokens[1][:1].isupper():
        return False
    if re.search(rf"(?<![\w’'\-]){re.escape(tokens[0].lower())}(?![\w’'\-])", text):
        return False
    if tokens[0].endswith(("’s", "'s")):
        return False
    if len(tokens) == 2:
        return not _is_title(tokens[1]) and tokens[1].lower() not in DOC_HEADS
    return tokens[1].lower() not in first_names


def _common_noun_first(name: list[str], text: str, article_nouns: set[str]) -> bool:
    """Is the first word of a sentence-initial name a noun the article writes in lower case,
    before the rest of the name standing alone ("Carmaker Veltran ..." and "the carmaker",
    "Veltran said")? Not a usual first name ("Will Hanley"), a title or a body's word, and not
    when the rest never stands alone ("Headwaters First" and "the headwaters")."""
    return (
        len(name) >= 2
        and name[0].lower() in article_nouns
        and not _is_title(name[0])
        and not any(t in ORG_WORDS for t in name)
        and text.count(" ".join(name[1:])) > text.count(" ".join(name))
    )


def _titled_person(tokens: list[str]) -> int:
    """Where a titled person begins in a run that opens with a body or a party ("Met Police
    Commissioner Mark Rowley", "White House Press Secretary Sarah Sanders", "Labor Senator Doug
    Cameron", "Volkswagen CEO Martin Winterkorn"): at the title words before the name, if two or
    more name words follow them; 0 if there is none ("Department of Health and Social Care")."""
    titled = [i for i in range(1, len(tokens)) if _is_title(tokens[i])]
    if not titled or len(tokens) - titled[-1] - 1 < 2:
        return 0
    rest = tokens[titled[-1] + 1 :]
    if any(not t[:1].isupper() or t in ORG_WORDS or _is_title(t) for t in rest):
        return 0
    first = titled[-1]
    while first > 0 and _is_title(tokens[first - 1]) and tokens[first - 1] not in ORG_WORDS:
        first -= 1
    return first  # 0 when only titles come before the name ("Prime Minister Boris Johnson")


def _person_after_office(tokens: list[str]) -> tuple[int, int] | None:
    """The office's title and the person after an office named with "of" or "for" ("Mayor of
    London Sadiq Khan", "Chancellor of the Exchequer Rachel Reeves", "Children's Commissioner for
    Wales Nerys Pugh-Adeleke"): the indexes of the title before the first "of" or "for" and of the
    last two words, if at least three capitalised words that are neither titles nor a body's
    words follow the office's last "of", "for", "the" or "and". Two words alone are the place
    ("Secretary of State for Northern Ireland")."""
    joins = [i for i, t in enumerate(tokens) if t in ("of", "for", "the", "and")]
    if not joins or joins[0] == 0 or not _is_title(tokens[joins[0] - 1]):
        return None  # not "Minister Jane Doe and Tom Reed Smith"
    rest = tokens[joins[-1] + 1 :]
    if len(rest) < 3 or any(not t[:1].isupper() or t in ORG_WORDS or _is_title(t) for t in rest):
        return None
    return joins[0] - 1, len(tokens) - 2


def _person_of_body(tokens: list[str]) -> int:
    """Where "of" or "for" parts a person from the body they speak from ("Tom Reed of Leeds
    University", "Professor Ann Lee of Imperial College"): its index, or 0. Before it stand a
    title or two words and no body's word, so "Bank of England" stays whole."""
    cut = next((i for i, t in enumerate(tokens) if t in ("of", "for")), 0)
    left, right = tokens[:cut], tokens[cut + 1 :]
    names = [t for t in left if not _is_title(t) and t not in NOT_NAMES]  # not "The Duke of …"
    if not names or any(t in ORG_WORDS for t in left) or not any(t in ORG_WORDS for t in right):
        return 0
    return cut if _is_title(left[0]) or len(names) >= 2 else 0


def _name_runs(text: str) -> Iterator[list[tuple[int, str]]]:
    """Capitalised runs as lists of (offset, word), cut where "of" parts a person from their body, where
    "and" joins two people ("David Carrick and Wayne Couzens"), and where a title run that opens
    with a body or a party ends in a person's name (the body then stays unnamed here)."""
    for match in _NAME_RUN.finditer(text):
        words = [(match.start() + m.start(), m.group()) for m in _NON_SPACE.finditer(match.group())]
        if len(words) > 1 and all(word.isupper() for _, word in words):
            continue  # an all-capitals headline, not a name
        # "Plaid Cymru's Westminster spokeswoman": a possessive ends a name, unless a body's word
        # follows it ("King's College")
        cuts = [
            n + 1
            for n, (_, word) in enumerate(words[:-1])
            if _POSSESSIVE_END.search(word) and words[n + 1][1] not in ORG_WORDS
        ]
        for start, end in zip([0, *cuts], [*cuts, len(words)], strict=True):
            yield from _name_parts(words[start:end])


def _name_parts(words: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    if _POSSESSIVE_END.search(words[-1][1]):
        words[-1] = (words[-1][0], words[-1][1][:-2])
    if office := _person_after_office([word for _, word in words]):
        title, person = office
        yield [words[title], *words[person:]]  # the title still names the office and gender
        return
    for part in _split_run(words):
        yield part[_titled_person([word for _, word in part]) :]  # 0: the whole part is the name


def _split_run(words: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    tokens = [word for _, word in words]
    parts = [words]
    if cut := _person_of_body(tokens):
        skip = cut + 2 if tokens[cut + 1] == "the" else cut + 1  # "of the Conservative Party"
        parts = [words[:cut], words[skip:]]
    split = []
    for part in parts:
        tokens = [word for _, word in part]
        cut = tokens.index("and") if "and" in tokens else 0
        left, right = tokens[:cut], tokens[cut + 1 :]
        # a body's name may hold "and" ("Department of Health and Social Care"); two titled people
        # joined by it do not make one ("Senate Majority Leader Chuck Schumer and House Speaker …")
        if cut and (
            not any(t in ORG_WORDS for t in tokens) or (_titled_person(left) and _titled_person(right))
        ):
            split += [part[:cut], part[cut + 1 :]]
        else:
            split.append(part)
    return [part for part in split if part]


def _is_acronym(tokens: list[str]) -> bool:
    return len(tokens) == 1 and len(tokens[0]) >= 2 and tokens[0].isupper()


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _quoted_regions(quotations: Sequence[Quotation]) -> list[tuple[int, int]]:
    return sorted((s.start - 1, s.end + 1) for q in quotations for s in q.segments)


_FURNITURE_LINE = re.compile(
    r"^(?:[^\n]*Image source,[^\n]*"  # a photo credit, maybe after alt text: "Sadiq KhanImage source, PA"
    r"|By(?:[ \t]+[A-Z][\w.’'\-]*){1,4}(?:,[^\n.]{0,60})?"  # a byline: "By EJ Ward, Political Reporter"
    # and without "By": "Ann Lee Wales correspondent", "Ann Lee, Home Affairs Editor"
    r"|(?:[A-Z][\w.’'\-]*[ \t]+){1,4}[A-Z][\w.’'\-]*,?(?:[ \t]+[A-Za-z&]+){0,3}[ \t]+"
    r"(?:[Cc]orrespondent|[Rr]eporter|[Ee]ditor|[Ww]riter)"
    r"|(?:READ MORE|Read more|Read|Related|Watch|Listen|See also)[ \t]*:[^\n]*)$",  # a link to another story
    re.M,
)


def _title_case_lines(lines: Sequence[Span]) -> list[tuple[int, int]]:
    """Lines in headline case ("Hargrove Defends His Agency's Record"), where a capitalised run
    is a name only if the article writes it elsewhere too."""
    found = []
    for line in lines:
        if len(line.text) > 200:  # a paragraph, not a headline
            continue
        words = [w for w in line.text.split() if len(w) >= 4 and w[0].isalpha()]
        if len(words) >= 3 and all(w[0].isupper() for w in words) and len(line.text.split()) <= 20:
            found.append((line.start, line.end))
    return found


# a photographer's credit at the end of a caption: "... in February. Photograph: Jonah Pace/PA",
# "(AP Photo/Jane Doe)", "REUTERS/Ingrid Solheim"
_PHOTO_CREDIT = re.compile(
    r"\b(?:Photograph|Photo|Picture|Illustration|Composite)s?:[^\n.!?“”\"‘]{1,80}$"
    r"|\((?:AP|AFP|Reuters)[ \t]Photo/[^)\n]*\)|\b(?:REUTERS|AFP|EPA|PA)/[^\n.!?“”\"‘]{1,80}$",
    re.M,
)


def _page_furniture(text: str) -> list[tuple[int, int]]:
    """Lines of a news page that name people who say nothing here: photo credits, bylines and
    links to other stories ("Read: Salah can play much better, says Klopp")."""
    lines = (_FURNITURE_LINE, _PHOTO_CREDIT)
    return [(m.start(), m.end()) for pattern in lines for m in pattern.finditer(text)]


def find_mentions(
    text: str,
    quotations: Sequence[Quotation],
    common_words: frozenset[str] = frozenset(),
    marked: Sequence[Quotation] = (),
    pronoun_resolver: Pipeline | None = None,
    first_names: Mapping[str, str] | None = None,
) -> Article:
    """Every candidate mention outside quotation marks, each resolved to a canonical entity.

    ``quotations`` are the quotations to attribute; ``marked`` any other text in quote marks
    (titles, scare quotes), where no speaker is named either. ``common_words`` are words the
    corpus writes in lower case (see ``text.common_words``). Pronouns are resolved only with a
    ``pronoun_resolver``, which may use the usual gender of ``first_names``."""
    furniture = _page_furniture(text)
    article_nouns = {m.group(1) for m in _LOWER_NOUN.finditer(text) if m.group(1) not in (first_names or {})}
    lines = paragraphs(text)
    title_case = _title_case_lines(lines)
    quoted = sorted(_quoted_regions([*quotations, *marked]) + furniture)
    raw: list[tuple[int, int, str, list[str], list[str]]] = []  # start, end, kind, titles, words
    bare_bodies: list[tuple[int, int]] = []  # a body's common noun capitalised: read as "the council"
    for words in _name_runs(text):
        start, tokens = words[0][0], [word for _, word in words]
        initial = not text[max(0, start - 3) : start].strip(" \t\"“‘'(—–-") or bool(
            _SENTENCE_BEFORE.search(text[max(0, start - 4) : start])
        )
        titles, name = _strip_name(
            list(tokens),
            sentence_initial=initial,
            common=common_words,
            text=text,
            first_names=first_names or {},
        )
        if initial and _common_noun_first(name, text, article_nouns):
            name = name[1:]
        if dotted := _DOTTED_TITLE.search(text, max(0, start - 16), start):  # "Sen. Anson Tredway"
            titles = [dotted.group(1), *titles]
        if not any(t in ORG_WORDS for t in name):  # "Dwight Halvorsen of Missouri"
            name = name[: next((i for i, t in enumerate(name) if t in ("of", "for")), len(name))]
        if not name or (_inside(title_case, start, start + 1) and text.count(" ".join(name)) < 2):
            continue  # "Governor Vetoes Bill Limiting Police Use of Facial Recognition"
        # the name's words as written, whatever the spaces between them ("Leeds  University")
        first = next(i for i in range(len(tokens)) if tokens[i : i + len(name)] == name)
        start, last = words[first][0], name[-1]
        end = words[first + len(name) - 1][0] + len(last)
        if last.endswith(("’s", "'s")):
            name[-1] = last[:-2]
        elif last.endswith(("s’", "s'")):  # plural possessive: "the Haunted Pylons’ singer"
            name[-1] = last[:-1]
        name[-1] = name[-1].rstrip(".")
        end -= len(last) - len(name[-1])
        if end <= start or _inside(quoted, start, end) or _is_dateline(text, start, end):
            continue
        if len(name) == 1 and not titles and name[0].lower() in ORG_HEADS:
            bare_bodies.append((start, end))  # "Council 'failed' families", "Council leader Tom Askew"
            continue
        raw.append((start, end, "name", titles, name))
    for match in _NUMBER_TEN.finditer(text):
        if not _inside(quoted, match.start(), match.end()):
            raw.append((match.start(), match.end(), "name", [], ["No", "10"]))
    raw.sort()

    # Entities: full names first, then surnames, acronyms and titled single words link to them.
    entities: dict[str, Entity] = {}
    place_words = frozenset(m.end() for m in _PLACE_WORD.finditer(text))
    body_cues = frozenset(m.start() for m in _BODY_CUE.finditer(text))
    by_last: dict[str, list[tuple[int, str]]] = {}
    by_first: dict[str, set[str]] = {}  # "Chris said" for Chris Moulding, if no other Chris
    # "Rachel Reeves said it was right ... Ms Reeves": a surname someone writes with Ms or Mr is a
    # person's, whatever "said it" suggests
    titled_surnames = {name[-1] for _, _, _, titles, name in raw if set(titles) & _PERSONAL_TITLES}
    for start, _, _, titles, name in raw:
        if (
            len(name) >= 2
            or any(t in ORG_WORDS for t in name)
            or (titles and len(name) == 1 and _is_acronym(name))
            or name[0] in SEATS_OF_GOVERNMENT
        ):
            full = " ".join(name)
            known = entities.get(full)
            if known is not None:  # the kind depends on the name alone: typed at its first mention
                kind = known.kind
            elif len(name) == 2 and name[0] == "Co":  # "Co Clare", an Irish county, not a company
                kind = "place"
            elif (
                any(t in ORG_WORDS for t in name)
                or _is_acronym(name)
                or "&" in name
                or full in SEATS_OF_GOVERNMENT
            ):
                kind = "org"
            elif name[0] in PLACE_FIRST_WORDS or name[-1] in PLACE_LAST_WORDS:  # "Station Parade"
                kind = "place"  # before the body test: people live "on Fairbourne Close"
            elif name[-1] in TEAM_WORDS:  # after the place test: "Cape Town", "Old Town"
                kind = "org"
            elif name[-1] in titled_surnames:
                kind = "person"
            elif _BODY_NOUN_BEFORE.search(text, max(0, start - 40), start) and name[0].lower() not in (
                first_names or {}
            ):  # "the consultancy Northway Assurance", not "the charity Ann Lee set up"
                kind = "org"
            elif _body_like(text, full, place_words, body_cues):
                kind = "org"
            elif _body_like(text, name[0], frozenset(), body_cues):  # "Greenmarket said it"
                kind = "org"
            else:
                kind = "person"
            gender = _gender(titles)
            if known is None or (gender and not known.gender):
                entities[full] = Entity(full, kind, gender or (known.gender if known else ""))
            if kind == "person":
                by_last.setdefault(name[-1], []).append((start, full))
                by_first.setdefault(name[0], set()).add(full)
    acronyms = {}
    for match in re.finditer(r"([A-Z][\w’'& ]+?)\s*\(([A-Z]{2,})\)", text):
        _, long_name = _strip_name(match.group(1).split())
        if " ".join(long_name) in entities:
            acronyms[match.group(2)] = " ".join(long_name)
    if "Downing Street" in entities:
        acronyms["No 10"] = "Downing Street"
    for entity in list(entities.values()):  # "SFA" for "Scottish Football Association"
        initials = "".join(w[0] for w in entity.name.split() if w[:1].isupper())
        if entity.kind == "org" and len(initials) >= 2 and initials != entity.name:
            acronyms.setdefault(initials, entity.name)
            acronyms.setdefault("".join(w[0] for w in entity.name.split()), entity.name)  # "DfE"

    first_words = Counter(e.name.split()[0] for e in entities.values() if e.kind == "org")
    short_forms = {  # "Greenmarket" for "Greenmarket Foods", when no other body starts so
        e.name.split()[0]: e.name
        for e in entities.values()
        if e.kind == "org" and " " in e.name and first_words[e.name.split()[0]] == 1
    }
    teams = Counter(e.name.split()[-1] for e in entities.values() if e.name.split()[-1] in TEAM_WORDS)
    team_forms = {e.name.split()[-1]: e.name for e in entities.values() if teams[e.name.split()[-1]] == 1}
    for start, end, _, titles, name in raw:  # "Mr Coveney", "President Trump", "Cordes asked"
        word = name[0]
        if (
            len(name) > 1
            or word in team_forms
            or _is_acronym(name)
            or word in entities
            or word in by_last
            or word in by_first
            or word in short_forms
            or word in acronyms
            or not (titles or _VERB_AFTER.match(text, end))
        ):
            continue
        kind = "org" if not titles and _body_like(text, word, place_words, body_cues) else "person"
        entities[word] = Entity(word, kind, _gender(titles))
        if kind == "person":
            by_last.setdefault(word, []).append((start, word))
    mentions: list[Mention] = []
    for start, end, _, titles, name in raw:
        full = " ".join(name)
        entity = ""
        if full in acronyms:
            entity = acronyms[full]
        elif full in entities:
            entity = full
        elif full in team_forms:
            entity = team_forms[full]
        elif full in short_forms and not titles and not _LOCATIVE.search(text, max(0, start - 8), start):
            entity = short_forms[full]
        elif len(name) == 1 and name[0] in by_last:
            entity = _nearest(by_last[name[0]], start)
            if entity and titles and not entities[entity].gender:
                entities[entity] = Entity(entity, "person", _gender(titles))
        elif len(name) == 1 and set(titles) <= {"Sir", "Dame"} and len(by_first.get(name[0], ())) == 1:
            (entity,) = by_first[name[0]]
        elif _is_acronym(name):
            entity = full
            entities.setdefault(full, Entity(full, "org", ""))
        if entity and not _outlet_spoken_to(text, start, entity):  # "told The Associated Press"
            mentions.append(Mention(Span.of(text, start, end), "name", entity))
    # Titles before a name are roles of that entity ("Home Secretary Jane Doe", "council leader
    # Tom Reed").
    roles = Roles()
    for start, end, _, titles, name in raw:
        full = " ".join(name)
        target = acronyms.get(full) or (full if full in entities else "")
        if target:
            before = _ROLE_BEFORE.search(text[max(0, start - 60) : start])
            if before and before.group(1).split()[-1] in ROLE_HEADS:
                roles.link(before.group(1), target)
            if titles:
                roles.link(" ".join(titles), target)
            age = _AGE_AFTER_NAME.match(text, end) or _AGE_BEFORE_NAME.search(text, max(0, start - 60), start)
            if age and _kind(entities, target) == "person":
                roles.link(f"{age.group(1)}-year-old", target)

    name_spans = sorted((m.span.start, m.span.end, m.entity) for m in mentions)
    descriptions = _descriptions(text, quoted, entities, name_spans, roles)
    # "Ghana's culture minister called it ...", named only further down: the whole article's roles
    descriptions = [
        Mention(d.span, d.kind, roles.find(d.span.text, earliest=True))
        if d.kind == "role" and not d.entity
        else d
        for d in descriptions
    ]
    taken = sorted([(m.span.start, m.span.end) for m in mentions + descriptions] + quoted)
    headings = [line for n, line in enumerate(lines) if n < HEADLINE_LINES or len(line.text) <= HEADING_CHARS]
    headings = [line for line in headings if not _inside(furniture, line.start, line.end)]
    descriptions += _headline_roles(headings, taken, entities, roles, descriptions)
    sources = sorted((d.span.start, d.span.end) for d in descriptions if _SOURCES.fullmatch(d.span.text))
    mentions = [m for m in mentions if not _inside(sources, m.span.start, m.span.end)]
    mentions += descriptions
    mentions += [
        Mention(Span.of(text, start, end), "role", "")
        for start, end in bare_bodies
        if not any(d.span.start <= start and end <= d.span.end for d in descriptions)
    ]
    mentions += _pronouns(text, quoted)
    mentions.sort(key=lambda m: m.span.start)
    kinds = {name: e.kind for name, e in entities.items()}
    genders = {name: e.gender for name, e in entities.items() if e.gender}
    name_genders = {
        name: first_name_gender(name, first_names)
        for name, e in entities.items()
        if first_names and e.kind == "person" and " " in name
    }
    # a furniture line ("Read: …", a byline) does not part a quotation from its speaker's last one
    furniture_starts = {start for start, _ in furniture}
    kept = [p.start for n, p in enumerate(lines) if n == 0 or p.start not in furniture_starts]
    starts = tuple(kept) or (0,)
    mentions = _fill_unresolved(text, mentions, entities)
    article = Article(text, tuple(quotations), tuple(mentions), starts, kinds, genders, name_genders)
    return article if pronoun_resolver is None else resolve_pronouns([article], pronoun_resolver)[0]


def _body_like(text: str, name: str, place_words: frozenset[int], body_cues: frozenset[int]) -> bool:
    """People are seldom written "the Jane Doe", "in Jane Doe", "Jane Doe, which …" or "Jane Doe
    said it …": places and bodies are.

    ``place_words`` are the offsets just after each "the ", "in " and so on in ``text``;
    ``body_cues`` the offsets where each ", which" or " said it" begins."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start in place_words and _BOUNDARY.match(text, end)) or end in body_cues:
            return True
        start = text.find(name, start + 1)
    return False


_DATELINE_PLACE = re.compile(rf"[{_UPPER}]{{2,}}\b")
_AGENCY_CLOSE = re.compile(r"\)\s*[-—–]")
_DATELINE_NEXT = re.compile(rf"\s*(?:\(|—|–|-|,)|\.[ \t]+[{_UPPER}]{{2,}}\b")  # "ST. PAUL"
_DATELINE_LEAD = re.compile(rf"\s*(?:[{_UPPER}]{{1,4}}\.\s+)?")


def _is_dateline(text: str, start: int, end: int) -> bool:
    """'WASHINGTON (Reuters) -' or 'DENVER —' at the start of a paragraph: the place, and the
    agency in brackets ('FRANKFURT, Nov 3 (Reuters) -'), which is not a speaker."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[start - 1 : start] == "(" and start - line_start <= 40:
        return bool(_DATELINE_PLACE.match(text, line_start)) and bool(_AGENCY_CLOSE.match(text, end))
    return (
        bool(_DATELINE_LEAD.fullmatch(text, line_start, start))  # "ST. PAUL, Minn."
        and text[start:end].isupper()
        and bool(_DATELINE_NEXT.match(text, end))
    )


# Titles as the office they name: "Gov. Dale Hendry" is "the governor" later
_SPELLED_OUT = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "cllr": "councillor",
    "supt": "superintendent",
    "det": "detective",
    "insp": "inspector",
    "sgt": "sergeant",
    "prof": "professor",
}


def _indefinite(phrase: str) -> bool:
    """Does the phrase introduce someone new ("a council spokesman", "one resident")?"""
    return phrase.split()[0].lower() in ("a", "an", "one", "another")


_PLACE_POSSESSIVE = re.compile(rf"[{_UPPER}][\w\-]*[’']s\s")


class Roles:
    """Which entity a role names in this article: "the home secretary" -> "Jane Doe"."""

    _SKIP = frozenset("the a an new former acting interim outgoing incoming then".split())

    def __init__(self) -> None:
        self.by_phrase: dict[str, str] = {}  # the latest entity linked to each phrase
        self.first_by_phrase: dict[str, str] = {}  # and the first
        self.by_head: dict[str, list[str]] = {}

    def _key(self, phrase: str) -> list[str]:
        words = (w.rstrip(".") for w in phrase.lower().split() if w not in self._SKIP)
        return [_SPELLED_OUT.get(w, w) for w in words]

    # words that make another office of the same one: the shadow housing secretary is not the
    # housing secretary, the deputy mayor not the mayor
    _RANKS = frozenset("shadow deputy vice assistant junior".split())

    def _phrase(self, words: list[str]) -> str:
        """The last two words, or from a rank on: "housing secretary", "shadow housing secretary"."""
        first = min([len(words) - 2, *(i for i, w in enumerate(words) if w in self._RANKS)])
        return " ".join(words[max(first, 0) :])

    def link(self, phrase: str, entity: str) -> None:
        words = self._key(phrase)
        if not words:
            return
        key = self._phrase(words)
        self.by_phrase[key] = entity
        self.first_by_phrase.setdefault(key, entity)
        heads = self.by_head.setdefault(words[-1], [])
        if entity not in heads:
            heads.append(entity)

    def find(self, phrase: str, *, earliest: bool = False) -> str:
        """The entity for a role phrase; a bare head ("the mayor") or a head with modifiers seen
        with it before ("the London mayor") matches, "the education secretary" does not match
        "the home secretary". Of several linked to the phrase, the latest, or with ``earliest``
        the first: a headline's "councillor" is the first councillor the story names."""
        words = self._key(phrase)
        if not words:
            return ""
        linked = (self.first_by_phrase if earliest else self.by_phrase).get(self._phrase(words))
        if linked:
            return linked
        if _indefinite(phrase):
            return ""  # "a former Hearthgate engineer" is someone new, not the engineer seen before
        heads = self.by_head.get(words[-1], [])
        if len(heads) != 1:
            return ""
        modifiers = {_unpossessed(w) for w in words[:-1]}
        seen = {w for key, e in self.by_phrase.items() if e == heads[0] for w in key.split()}
        # "the London mayor", "Ghana's culture minister": a place narrows a role, it is no new one
        capitalised = any(w[:1].isupper() for w in phrase.split()[1:-1]) or bool(
            _PLACE_POSSESSIVE.match(phrase)
        )
        return heads[0] if modifiers <= seen or capitalised else ""


def _gender(titles: Sequence[str]) -> str:
    words = {t.lower().rstrip(".") for t in titles}
    return "m" if words & MALE else "f" if words & FEMALE else ""


def _nearest(occurrences: list[tuple[int, str]], offset: int) -> str:
    before = [name for start, name in occurrences if start <= offset]
    return before[-1] if before else (occurrences[0][1] if occurrences else "")


def _headline_roles(
    lines: Sequence[Span], taken, entities: dict, roles: Roles, descriptions: list[Mention]
) -> list[Mention]:
    """Bare roles in the headline, standfirst and headings, resolved by what the story calls them:
    "Chief inspector" is the chief inspector the story names, "council leader" the council leader,
    "principals" the principals' association. A role the story never resolves is left out: the
    headline's speaker is then found the way it was before."""
    found = []
    for line in lines:
        if line.text.rstrip("”’\"' ").endswith("."):
            continue  # a paragraph of the story, not a headline
        for match in _HEADLINE_SPEAKER.finditer(line.text):
            group = next(g for g in (1, 2, 3) if match.group(g))
            phrase = match.group(group)
            words = phrase.split()
            if any(w.lower() in _NOT_MODIFIERS for w in words):
                continue  # "as the council says": a determined role, found already
            start = line.start + match.start(group)
            end = start + len(phrase)
            if _overlaps(taken, start, end):
                continue
            head = words[-1].lower()
            if head not in _HEADLINE_HEADS:  # a plural: "principals warn", "say supporters"
                entity = _org_containing(words[-1], entities)
            else:
                body = _org_for(head, entities) if head in ORG_HEADS else ""
                later = (d.entity for d in descriptions if d.entity and d.span.text.lower().endswith(head))
                entity = roles.find(phrase, earliest=True) or body or next(later, "")
            if entity:
                found.append(Mention(Span(start, end, phrase), "role", entity))
    return found


def _unpossessed(word: str) -> str:
    return _POSSESSIVE_END.sub("", word.lower())


def _overlapping(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """A match for every determiner, even one inside the words the match before took: "the
    council said the mayor" holds "the mayor" too."""
    position = 0
    while match := pattern.search(text, position):
        yield match
        position = match.start(1)


def _descriptions(text, quoted, entities, name_spans, roles) -> list[Mention]:
    """Roles, spokespeople and documents: 'the mayor', 'a council spokesman', 'the report'."""
    found = []
    taken: list[tuple[int, int]] = []  # spans of the descriptions found so far

    def free(start: int, end: int) -> bool:  # neither in quote marks nor overlapping one found
        return not _inside(quoted, start, end) and not _overlaps(taken, start, end)

    for match in _overlapping(_DETERMINED, text):
        words = match.group(1).split()
        definite = match.group().lower().startswith("the")
        # words up to the first that cannot modify a head ("the council said its spokesman")
        modifiers = next((i for i, w in enumerate(words) if w.lower() in _NOT_MODIFIERS), len(words))
        heads = [
            i
            for i, w in enumerate(words)
            if _unpossessed(w) in _DESCRIPTION_HEADS
            or (_AGE.fullmatch(w) and i + 1 == modifiers and definite)
        ]  # "the 31-year-old", not "a 31-year-old man" or "Dorian Rowe, a 29-year-old who died"
        if not heads or heads[0] > modifiers:
            continue
        # "a commission spokesperson" is a spokesperson, not a commission
        last = next((i for i in heads if words[i].lower() in SPOKES_HEADS and i <= modifiers), heads[0])
        # "the council leader" is a leader, "its chief executive" an executive: the last of a run;
        # "the council's leader" a leader and "the company's annual report" a report
        while words[last].lower() not in SPOKES_HEADS:
            possessive = _POSSESSIVE_END.search(words[last])
            if possessed := [i for i in heads if last < i < modifiers] if possessive else []:
                last = possessed[0]
            elif last + 1 < modifiers and last + 1 in heads:
                last += 1
            else:
                break
        # extend over "of London" / "for the council" style complements
        span_end = (
            match.start(1)
            + len(match.group(1))
            - len(" ".join(words[last + 1 :]))
            - (1 if words[last + 1 :] else 0)
        )
        head = _unpossessed(words[last])
        span_end -= len(words[last]) - len(head)  # "the council" of "the council's decision"
        start, end = match.start(), span_end
        complement = _COMPLEMENT.match(text[end : end + 80])
        if not free(start, end):
            continue
        kind = "spokes" if head in SPOKES_HEADS else "doc" if head in DOC_HEADS else "role"
        entity = _resolve_description(text, start, end, head, kind, complement, entities, name_spans, roles)
        if complement and kind in ("spokes", "doc"):
            end += complement.end()
        found.append(Mention(Span.of(text, start, end), kind, entity))
        taken.append((start, end))
    # "The centre's report said": a document whose owner is called by a word that is no role's
    for match in _POSSESSED_DOCUMENT.finditer(text) if "’s" in text or "'s" in text else ():
        start, end = match.span()
        if not free(start, end):
            continue
        found.append(Mention(Span.of(text, start, end), "doc", _org_for(match.group(1).lower(), entities)))
        taken.append((start, end))
    # "Whitehall sources", "a No 10 source": unnamed people, kept as written (the guideline's
    # "a senior official"); a body's name before "source" is not the speaker
    for match in _SOURCES.finditer(text) if "source" in text or "insider" in text else ():
        start, end = match.span()
        if not free(start, end):
            continue
        words = match.group().split()
        if words[0] in ("A", "An", "One"):
            words[0] = words[0].lower()
        found.append(Mention(Span.of(text, start, end), "role", " ".join(words)))
        taken.append((start, end))
    # "a Home Office spokesman", "Riverside Council spokeswoman Ann Lee" handled as names + spokes
    for match in re.finditer(r"\b(spokes(?:man|woman|person)|representative)\b", text):
        if any(s <= match.start() < e for s, e in taken) or _inside(quoted, match.start(), match.end()):
            continue
        owner = _name_before(name_spans, match.start(), window=3)
        if owner:
            found.append(Mention(Span.of(text, owner[0], match.end()), "spokes", owner[2]))
            taken.append((owner[0], match.end()))
    return found


def _name_before(name_spans, offset: int, window: int):
    i = bisect_left(name_spans, (offset,)) - 1
    if i >= 0 and 0 <= offset - name_spans[i][1] <= window:
        return name_spans[i]
    return None


def _name_after(name_spans, offset: int, window: int):
    i = bisect_left(name_spans, (offset,))
    if i < len(name_spans) and 0 <= name_spans[i][0] - offset <= window:
        return name_spans[i]
    return None


def _org_inside(text: str, name_spans, start: int, end: int, entities: dict) -> str:
    """An organisation named in full inside a body's description ("the IG Metall union", "The
    Arts Council"). Not a person ("the Biden administration"), nor one word, which is more often
    a place or a larger body ("the UK government", "a Senate committee", "the NHS trust")."""
    i = bisect_left(name_spans, (start,))
    while i < len(name_spans) and name_spans[i][1] <= end:
        s, e, entity = name_spans[i]
        if _kind(entities, entity) == "org" and text[s:e] == entity and " " in entity:
            return entity
        i += 1
    return ""


def _resolve_description(text, start, end, head, kind, complement, entities, name_spans, roles):
    """Apposition first ('Sadiq Khan, the mayor' / 'the mayor, Sadiq Khan'), then the article."""
    phrase = text[start:end]
    if kind == "role":
        wanted = "org" if head in ORG_HEADS else "person"  # not "According to Ann Lee, the council"
        # the phrase second in an apposition ends there: "Sadiq Khan, the mayor, said" and "the
        # aide, Kelly Sadler, said", not "After meeting Ann Lee, the minister said" or "Asked
        # about the minister, Ann Lee said"
        reach = end  # "the chief inspector of prisons, Bernard Tilsley,": past what it is of
        if complement and complement.group().split()[0] in ("of", "for"):
            reach = end + complement.end() if text.startswith(",", end + complement.end()) else end
        titled = _TITLED_APPOSITION.match(text, reach)  # "its lead author, Dr Sunita Raman,"
        after = _name_after(name_spans, titled.end(), 0) if titled else _name_after(name_spans, reach, 3)
        before = _name_before(name_spans, start, 3)
        for beside, closes in ((after, after and after[1]), (before, end)):
            if not beside or not _APPOSITION_END.match(text, closes):
                continue
            between = text[min(reach, beside[1]) : max(start, beside[0])]
            plain = between.strip(" ,") == "" or (titled and beside is after)
            if plain and _kind(entities, beside[2]) == wanted:
                roles.link(phrase, beside[2])
                return beside[2]
        words = phrase.split()
        if len(words) == 3 and words[0].lower() == "the" and words[1][:1].isupper() and words[2] == "union":
            return entities.setdefault(words[1], Entity(words[1], "org", "")).name  # "the RMT union"
        found = roles.find(phrase) or (_org_for(head, entities) if head in ORG_HEADS else "")
        inner = _org_inside(text, name_spans, start, end, entities) if wanted == "org" else ""
        return inner if inner and inner not in found else found  # "the Ethics Committee" kept
    # spokespeople and documents: whose? "for the council", "by Ofsted", "the board's report"
    possessive = re.search(_POSSESSOR, phrase)
    if complement:
        owner_text, owner_start = complement.group(1), end + complement.start(1)
    elif possessive:
        owner_text, owner_start = possessive.group(1), start + possessive.start(1)
    else:
        owner_text, owner_start = "", start
    if kind == "doc" and head in FINDINGS_HEADS and complement and complement.group().split()[0] == "of":
        # "a review of the county's services, carried out by the consultancy Brightwell Partners":
        # what it examined is no author
        return _author_by(text, end, name_spans)
    if owner_text:
        as_written = text[start : end + (complement.end() if complement else 0)]
        owner_words = owner_text.split()
        owner = _name_after(name_spans, owner_start, 4)
        if owner and (kind == "doc" or _kind(entities, owner[2]) == "org"):
            return owner[2]
        titled = owner_words[0] in TITLES or (owner and entities[owner[2]].gender)
        if owner and _kind(entities, owner[2]) == "person" and titled:  # "for Governor Ainsworth"
            return as_written
        owner_head = owner_words[-1].lower()
        principal = roles.find(owner_text)
        if principal and (kind == "doc" or _kind(entities, principal) == "org"):
            return principal
        org = _org_for(owner_head, entities)
        if org:
            return org
        if kind == "spokes" and (org := _body_named(owner_words, entities)):
            return org  # "a spokesperson for the Dutch government", "for Copa-Cogeca"
        if kind == "spokes" and (owner_head in ROLE_HEADS or owner_words[0] in TITLES):
            # "a spokesman for the mayor", "for Governor Dale Ainsworth": as written (reading a)
            return as_written
        return ""
    owner = _name_before(name_spans, start + (2 if text[start : start + 2].lower() == "a " else 0), 3)
    words = phrase.split()
    if len(words) > 2 and words[0].lower() in ("a", "an", "the"):  # "a Home Office spokesman"
        org = _org_containing(" ".join(words[1:-1]), entities)
        if org:
            return org
        if kind == "spokes":  # "a DfE spokesperson", "a Treasury spokeswoman", "a council spokesperson"
            inner = _name_after(name_spans, start + len(words[0]) + 1, 0)
            if inner and inner[1] + 1 + len(words[-1]) == end and _kind(entities, inner[2]) == "org":
                return inner[2]
            org = _body_named(words[1:-1], entities)
            if not org and words[-2].lower() in ORG_HEADS:
                org = _org_for(words[-2].lower(), entities)
            if org:
                return org
    if owner and _SENTENCE_BREAK.search(text, owner[1], start + 1):
        return ""  # "... across the West Midlands. The report said": no owner
    return owner[2] if owner else ""


_BY = re.compile(r"(?<!commissioned )(?<!ordered )\bby\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,2}")


def _author_by(text: str, end: int, name_spans) -> str:
    """The name after "by" later in the sentence, not after "commissioned by"; "" if none."""
    stop = _SENTENCE_BREAK.search(text, end)
    limit = min(stop.start() if stop else len(text), end + 150)
    for match in _BY.finditer(text, end, limit):
        if owner := _name_after(name_spans, match.end(), 0):
            return owner[2]
    return ""


def _body_named(words: list[str], entities: dict) -> str:
    """A body named only where its spokesperson is: 'Downing Street', 'the Scottish government'."""
    if words and words[0].lower() == "the":
        words = words[1:]
    proper = [w for w in words if w[:1].isupper()]
    if not proper or not all(w[:1].isupper() or w.lower() in ORG_HEADS for w in words):
        return ""
    name = " ".join(words)
    if words[0] in TITLES and _kind(entities, " ".join(words[1:])) == "person":
        return ""  # "a spokeswoman for Governor Dale Ainsworth" speaks for a person
    entities.setdefault(name, Entity(name, "org", ""))
    return name


def _kind(entities: dict, name: str) -> str:
    entity = entities.get(name)
    return entity.kind if entity else ""


def _org_for(head: str, entities: dict) -> str:
    orgs = [e.name for e in entities.values() if e.kind == "org" and head in e.name.lower().split()]
    if head in ("force", "police"):
        orgs += [e.name for e in entities.values() if e.kind == "org" and "police" in e.name.lower()]
    return orgs[0] if orgs else ""


def _org_containing(words: str, entities: dict) -> str:
    for entity in entities.values():
        if entity.kind == "org" and words and words.lower() in entity.name.lower():
            return entity.name
    return ""


def _owned(phrase: str, entities: dict) -> bool:
    """Is an office someone's ("his former campaign chairman", "Trump's chief of staff", not
    "London's mayor"), so not the story's protagonist's?"""
    owner = _OWNED.match(phrase)
    if not owner or not owner.group(1):
        return bool(owner)
    return any(e.kind == "person" and owner.group(1) in e.name.split() for e in entities.values())


def _outlet_spoken_to(text: str, start: int, entity: str) -> bool:
    """Is this an outlet someone talks to ("told BBC Sussex", "speaking on BBC Radio 4") rather
    than a body the story is about? The cheap word test runs first, on organisations only."""
    return not MEDIA_WORDS.isdisjoint(entity.split()) and bool(
        _LISTENER.search(text, max(0, start - 30), start)
    )


def _fill_unresolved(text: str, mentions: list[Mention], entities: dict) -> list[Mention]:
    """Roles no apposition resolved: a body's ('the company') takes the nearest organisation before it
    that is not a listener ('told BBC Sussex') or the subject of the sentence naming that one
    (``_likely_body``), or the nearest so named ('the council', 'the court': NAMING_HEADS); an
    office's ('the mayor', 'London's mayor', not 'his chairman') the most-mentioned person so far,
    the story's protagonist; any other person's role ('the prosecutor', 'the aide') stays as
    written, since the most-mentioned person in a trial is the defendant, unless an unnamed person
    was described with the same word ('one midwife at the unit' is 'the midwife' later).
    Spokespeople and documents with no named owner take the organisation a body word would
    (``_likely_body``), unless the same kind of document was named with its owner before ("the
    report by the inspector general ... the report said")."""
    counts: Counter[str] = Counter()
    last_spokes = last_document = ""
    orgs: list[str] = []  # organisations named so far, latest last
    latest_start = -1  # where the latest of them was named
    subject: tuple[int, str] | None = None  # (start, name) of the latest to open a sentence
    unnamed: dict[str, str] = {}  # role head -> the latest unnamed person described with it
    documents: dict[str, str] = {}  # document head -> whose the latest so called is
    filled = []
    name_starts = {m.span.start: m.entity for m in mentions if m.kind == "name"}
    for mention in mentions:
        entity = mention.entity
        definite = not _indefinite(mention.span.text)
        head = mention.span.text.split()[-1].lower()
        document = _document_head(mention) if mention.kind == "doc" else ""
        if not entity and mention.kind == "role" and not definite and head not in ORG_HEADS:
            entity = unnamed[head] = _unnamed_person(text, mention.span)
        elif not entity and mention.kind == "role" and definite and head in unnamed:
            entity = unnamed[head]  # "one midwife at the unit said ... the midwife added"
        elif not entity and mention.kind == "role" and definite:
            if head in NAMING_HEADS:  # "the court" is no newspaper named just before it
                entity = next((o for o in reversed(orgs) if head in o.lower().split()), "")
            elif head in ("club", "team") and (club := _latest_club(orgs)):
                entity = club  # "the club" after "HMRC said" or "the league said"
            elif head in ORG_HEADS:
                entity = _likely_body(text, orgs, latest_start, subject)
            elif _AGE.fullmatch(head) and counts:
                entity = counts.most_common(1)[0][0]  # the story's protagonist, as for an office
            elif head in OFFICE_HEADS and counts and not _owned(mention.span.text, entities):
                entity = counts.most_common(1)[0][0]
        elif not entity and mention.kind == "spokes" and definite and last_spokes:
            entity = last_spokes
        elif not entity and document and definite and document in documents:
            entity = documents[document]  # "the report by the watchdog ... the report"
        elif not entity and document and mention.span.text.startswith(("Its ", "its ")) and last_document:
            entity = last_document  # "The review, led by Dr Ann Lee, ... Its 190-page report'
        elif not entity and document and (owner := _named_after_intro(text, mention.span, name_starts)):
            entity = owner
        elif not entity and document in FINDINGS_HEADS and (examiner := _examiner(orgs)):
            # "told by Ofsted ... The report said", not the school inspected; nor is the examiner
            # now the latest body named
            filled.append(Mention(mention.span, mention.kind, examiner))
            documents[document] = examiner
            continue
        elif not entity and mention.kind in ("spokes", "doc"):
            entity = _likely_body(text, orgs, latest_start, subject)
        if mention.kind == "spokes" and entity:
            last_spokes = entity
        if document and entity:
            documents[document] = entity
            last_document = entity
        if entity and _kind(entities, entity) == "org":
            if not _outlet_spoken_to(text, mention.span.start, entity):
                orgs.append(entity)
                latest_start = mention.span.start
                if _opens_sentence(text, mention.span.start):
                    subject = (mention.span.start, entity)
        elif entity and mention.kind == "name" and _kind(entities, entity) == "person":
            counts[entity] += 1
        filled.append(Mention(mention.span, mention.kind, entity) if entity != mention.entity else mention)
    return filled


def _latest_club(orgs: list[str]) -> str:
    return next((o for o in reversed(orgs) if o.split()[-1] in _CLUB_ENDS), "")


def _named_after_intro(text: str, document: Span, name_starts: dict[int, str]) -> str:
    """Whose is the document in "In a report published on Thursday, HMICFRS rated the force
    inadequate": the name opening the main clause after the introductory phrase."""
    if not _IN_INTRO.search(text, max(0, document.start - 8), document.start):
        return ""
    comma = text.find(",", document.end, document.end + 80)
    if comma < 0 or _SENTENCE_BREAK.search(text, document.end, comma):
        return ""
    return name_starts.get(_SPACES.match(text, comma + 1).end(), "")


def _examiner(orgs: list[str]) -> str:
    """The latest body named so far whose job is to examine others (an inspectorate, a regulator,
    an auditor, an ombudsman), which a report with no named owner is most often by."""
    return next((o for o in reversed(orgs) if not EXAMINER_WORDS.isdisjoint(o.split())), "")


def _likely_body(text: str, orgs: list[str], latest_start: int, subject: tuple[int, str] | None) -> str:
    """Which organisation "the group" means: the subject of the sentence that named the latest
    (named at ``latest_start``: "The Sierra Club welcomed the vote and called on the commission to
    go further. '...' the group said"), else the latest."""
    if subject and not _SENTENCE_BREAK.search(text, subject[0], latest_start):
        return subject[1]
    return orgs[-1] if orgs else ""


def _document_head(mention: Mention) -> str:
    """The word that makes a mention a document: "report" in "the 58-page report by the watchdog"."""
    words = [w.strip(",;:") for w in mention.span.text.lower().split()]
    return next((w for w in words if w in DOC_HEADS), words[-1])


def _unnamed_person(text: str, span: Span) -> str:
    """An unnamed speaker keeps the article's description, with where it is from: "one midwife at
    the unit", "an official familiar with the talks" (not "a nurse on Tuesday")."""
    words = span.text.split()
    description = " ".join([words[0].lower(), *words[1:]])
    where = _WHERE_FROM.match(text, span.end)
    return f"{description} {' '.join(where.group(1).split())}" if where else description


def _pronouns(text: str, quoted) -> list[Mention]:
    return [
        Mention(Span.of(text, m.start(), m.end()), "pronoun", "")
        for m in _PRONOUN.finditer(text)
        if not _inside(quoted, m.start(), m.end())
    ]


# ---------------------------------------------------------------------------- the ranker

# Paragraphs after a headline quotation where its speaker may be named: news pages put up to five
# lines (publication time, photo credit, caption) between the headline and the story.
HEADLINE_REACH = 8


def _bucket(count: int) -> int:
    """floor(log2(1 + count)), exactly and without floating point."""
    return (1 + max(0, count)).bit_length() - 1


def candidates_for(article: Article, index: int) -> list[Candidate]:
    """Mentions within two paragraphs before and one after the quotation (``HEADLINE_REACH``
    after a quote in the first paragraph, the headline, whose speaker the story names further
    down), and, after the first quotation, a ``previous`` pseudo-mention standing for the speaker
    of the quotation before."""
    quotation = article.quotations[index]
    paragraph = article.paragraph_of(quotation.start)
    first = paragraph - 2
    last = article.paragraph_of(quotation.end) + (HEADLINE_REACH if paragraph == 0 else 1)
    found = [
        Candidate(m, m.entity or m.span.text, m.kind)
        for m, paragraph in zip(article.mentions, article.mention_paragraphs, strict=True)
        if first <= paragraph <= last
    ]
    if index > 0:
        found.append(Candidate(None, "", "previous"))
    return found


def pair_features(item: tuple[Article, int, Candidate]) -> dict[str, float]:
    """How a mention stands to a quotation: side, distance, reporting verb, colon, continuity."""
    article, index, candidate = item
    text = article.text
    quotation = article.quotations[index]
    q_par, end_par, opens_paragraph = article.quotation_places[index]
    features: dict[str, float] = {"bias": 1.0, f"kind={candidate.kind}": 1.0}
    others = article.speakers_in_paragraph[q_par]
    features["paragraph_has_mentions"] = float(others > 0)
    features["quote_starts_paragraph"] = float(opens_paragraph)
    features["quote_ends_paragraph"] = float(article.quotation_closes_paragraph[index])
    features[f"quote_paragraph={min(q_par, 3)}"] = 1.0  # 0: the headline
    if candidate.mention is None:
        features[f"previous_quiet={others == 0}"] = 1.0
        previous_end = article.quotation_places[index - 1][1]
        features[f"previous_paragraphs={min(3, q_par - previous_end)}"] = 1.0
        return features
    mention = candidate.mention.span
    after = mention.start >= quotation.end
    low, high = (quotation.end, mention.start) if after else (mention.end, quotation.start)
    gap = text[low:high]
    m_par = article.paragraph_of(mention.start)
    side = "after" if after else "before"
    features[f"side={side}"] = 1.0
    features[f"{candidate.kind}_{side}"] = 1.0
    distance = _bucket(len(gap))
    features[f"distance={distance}"] = 1.0
    features[f"{side}_distance={distance}"] = 1.0
    paragraph_gap = m_par - (end_par if after else q_par)
    features[f"paragraphs={max(-3, min(3, paragraph_gap))}"] = 1.0
    gap_words = article.words_between(low, high)
    # '"Is it a disgrace?" The men left after he admitted it': the quotation's own end mark and a
    # capital after it, also when a name ("Ann Lee left") or a new paragraph follows the close
    following = gap.lstrip(" ”\"’'\n") or text[mention.start]
    new_sentence = after and text[quotation.end - 1] in _SENTENCE_ENDS and following[:1].isupper()
    features["gap_sentence_end"] = float(new_sentence or _ends_sentence(gap_words))
    features["gap_has_reporting_verb"] = float(not REPORTING_VERBS.isdisjoint(gap_words))
    features[f"gap_words={_bucket(len(gap_words))}"] = 1.0
    features["colon_intro"] = float(not after and gap.rstrip(" “\"‘'").endswith(":"))
    if gap_words and len(gap_words) <= 3:
        features[f"gap={'_'.join(gap_words)}"] = 1.0
    features.update(article.verb_cues[mention.start, mention.end])
    # "Robertson, who felt his team had Liam Polworth sent off, said: ...": the subject speaks
    features["opens_sentence"] = float(mention.start in article.sentence_openers)
    features["resolved"] = float(bool(candidate.mention.entity))
    features["kind_of_entity=" + article.entity_kinds.get(candidate.entity, "none")] = 1.0
    # Is this the nearest candidate on its side? (At most one of the two ranges is non-empty.)
    starts = article.speaker_starts
    between = _count_in(starts, quotation.end, mention.start) + _count_in(
        starts, mention.end, quotation.start
    )
    features[f"{side}_rank={min(3, between)}"] = 1.0
    return features


_TITLE_TOKENS = frozenset(t.lower().rstrip(".") for t in TITLES)
# "said company spokeswoman Ann Lee": a bare job title, like "Sen.", stands between a verb and a name
_JOB_TOKENS = _TITLE_TOKENS | ROLE_HEADS | frozenset(w.lower() for w in ORG_WORDS)


def _verb_cues(text: str, mention: Span) -> dict[str, float]:
    """Does a reporting verb follow or precede the mention; is it "according to" someone?

    Titles stand between a verb and a name ("said Sen. John Cornyn", the name's span leaving the
    title out), and so do a job title with the body it belongs to ("said White House spokesman
    Raj Shah"), a home ("Sen. John Cornyn of Texas said"), an aside between commas and the comma
    closing an apposition ("A union official, Joe Park, said"). "According to the" counts too."""
    as_written = _NEAR_TOKEN.findall(text[max(0, mention.start - 40) : mention.start])
    next_words = _NEAR_TOKEN.findall(text[mention.end : mention.end + 40].lower())[:4]
    in_apposition = as_written[-1:] == [","]  # not "The letter, signed by Ann Lee, said"
    if in_apposition and next_words[:1] == [","] and next_words[1:2] and next_words[1] in REPORTING_VERBS:
        del next_words[0]
    if next_words[:2] == [",", "which"] and next_words[2:3] and next_words[2] in REPORTING_VERBS:
        next_words = next_words[2:]  # "the charity Night Path, which said it"
    if next_words[:1] == ["of"] and any(w in REPORTING_VERBS for w in next_words[2:4]):
        next_words = next_words[2:] if next_words[2] in REPORTING_VERBS else next_words[3:]
    prev_words = [w.lower() for w in as_written]
    job_seen = False
    while len(prev_words) > 1:  # "said Mr", "said Sen .", "said White House spokesman"
        word, capitalised = prev_words[-1], as_written[len(prev_words) - 1][:1].isupper()
        if word in _JOB_TOKENS or (job_seen and capitalised and word not in REPORTING_VERBS):
            job_seen = True
            prev_words.pop()
        elif _title_point(prev_words, len(prev_words) - 1):
            del prev_words[-2:]
        else:
            break
    if prev_words[-1:] == ["the"]:  # "told the BBC" makes no subject of the BBC
        according_to = prev_words[-3:-1] == ["according", "to"]
    else:
        according_to = prev_words[-2:] == ["according", "to"]
    prev_words = prev_words[-2:]
    return {
        "verb_follows": float(bool(next_words) and next_words[0] in REPORTING_VERBS),
        "verb_after_aside": float(bool(_ASIDE_THEN_VERB.match(text, mention.end))),
        "verb_precedes": float(bool(prev_words) and prev_words[-1] in REPORTING_VERBS),
        "according_to": float(according_to),
    }


def _title_point(words: list[str], i: int) -> bool:
    """Is ``words[i]`` the point of a title ("Sen .", "Mr .") rather than a full stop?"""
    return words[i] == "." and i > 0 and words[i - 1] in _TITLE_TOKENS


def _ends_sentence(words: list[str]) -> bool:
    """A full stop, question or exclamation mark, but not the point of "said Sen. John Cornyn"."""
    if _SENTENCE_ENDS.isdisjoint(words):
        return False
    return any(w in _SENTENCE_ENDS and not _title_point(words, i) for i, w in enumerate(words))


def _count_in(starts: list[int], low: int, high: int) -> int:
    """How many of the sorted ``starts`` lie in [low, high)."""
    return max(0, bisect_left(starts, high) - bisect_left(starts, low))


def _features_of_many(items):
    return [pair_features(item) for item in items]


def make_ranker(iterations: int = 200) -> Pipeline:
    """Boosted trees, because what matters is how the cues combine (a pronoun right after the
    quote with "said" between is the speaker; the same pronoun two sentences on is not)."""
    return Pipeline(
        [
            ("features", FunctionTransformer(_features_of_many)),
            ("vectorize", NumericDictVectorizer(sparse=False)),
            (
                "classify",
                HistGradientBoostingClassifier(max_iter=iterations, max_leaf_nodes=15, random_state=SEED),
            ),
        ]
    )


def describe(candidate: Candidate, previous: str = "") -> str:
    """The speaker string for output: the entity, or the article's own description of it."""
    if candidate.mention is None:
        return previous
    if candidate.mention.entity:
        return candidate.mention.entity
    text = candidate.mention.span.text
    return text[:1].lower() + text[1:] if text.split()[0] in ("The", "A", "An", "One") else text


def score_candidates(
    articles: Sequence[Article], ranker: Pipeline
) -> list[list[list[tuple[Candidate, float]]]]:
    """Scores for every candidate of every quotation of every article, in one call to the ranker."""
    items, shape = [], []
    for article in articles:
        per_quotation = []
        for index in range(len(article.quotations)):
            candidates = candidates_for(article, index)
            items += [(article, index, c) for c in candidates]
            per_quotation.append(candidates)
        shape.append(per_quotation)
    scores = _ranker_scores(ranker, items) if items else []
    out, n = [], 0
    for per_quotation in shape:
        scored = []
        for candidates in per_quotation:
            scored.append(list(zip(candidates, scores[n : n + len(candidates)], strict=True)))
            n += len(candidates)
        out.append(scored)
    return out


def _ranker_scores(ranker: Pipeline, items: list[tuple[Article, int, Candidate]]) -> np.ndarray:
    """``ranker.predict_proba(items)[:, 1]`` with the trees on one OpenMP thread: they take
    milliseconds per batch, and each of their parallel loops waits a whole scheduler slice at its
    barrier whenever another process holds the other core."""
    matrix = ranker[:-1].transform(items)
    with _thread_pools().limit(limits=1, user_api="openmp"):
        return ranker.named_steps["classify"].predict_proba(matrix)[:, 1]


@cache
def _thread_pools() -> ThreadpoolController:
    return ThreadpoolController()


def follow_headline_echoes(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """A headline quotation whose words the story quotes again ('"Reckless" cuts' over '... were
    "reckless and cruel", she said') takes that later quotation's attribution: the story says who
    said it, where the headline has no speaker near it. In the corpus such pairs nearly always
    share their speaker."""
    headline = [n for n, (first, _, _) in enumerate(article.quotation_places) if first == 0]
    if not headline:  # most articles: nothing to read
        return attributions
    body = [n for n, (first, _, _) in enumerate(article.quotation_places) if first > 0]
    wording = [
        f" {' '.join(w for s in q.segments for w in _PLAIN_WORD.findall(s.text.lower()))} "
        for q in article.quotations
    ]
    echoed = list(attributions)
    for index in headline:
        if wording[index] == "  ":
            continue
        source = next((n for n in body if wording[index] in wording[n] and attributions[n].speaker), None)
        if source is not None:
            echoed[index] = attributions[source]
    return echoed


def decode(scored: list[list[tuple[Candidate, float]]]) -> list[Attribution]:
    """The best candidate per quotation, in order, so a ``previous`` choice inherits a speaker."""
    attributions: list[Attribution] = []
    for candidates in scored:
        if not candidates:
            attributions.append(Attribution("", None, 0.0))
            continue
        chosen, score = max(candidates, key=lambda pair: pair[1])
        if chosen.mention is None:
            before = attributions[-1]
            attributions.append(Attribution(before.speaker, before.mention, float(score)))
        else:
            attributions.append(Attribution(describe(chosen), chosen.mention.span, float(score)))
    return attributions

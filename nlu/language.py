"""Tag a message ``ur`` (Urdu script), ``roman_ur`` (Urdu in Latin letters) or ``en``.

Script decides Urdu; among Latin-script messages, counts of known Roman-Urdu words
(``roman_urdu_lexicon.txt``) against common English words decide, whatever the letter case
("Gulshan Block 13 Mn Subha Se Light Nai" is counted after normalising); loan words both kinds of
writer use ("light", "complaint", "school") count as English only where no Roman-Urdu word is; one
or two words with no hit either way are ``en``; langdetect, seeded so that it is deterministic,
only breaks other ties. Replies go out in the tagged language, so a wrong guess costs the citizen a
confusing reply rather than a lost complaint.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from nlu.normalise import normalise

LEXICON_FILE = Path(__file__).with_name("roman_urdu_lexicon.txt")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[a-z']+")
# Frequent English words that are not also Roman Urdu: enough to outweigh the odd Urdu loan word.
ENGLISH_WORDS = frozenset(
    """
    a an the is are was were be been being am i you he she it we they my your his her its our their
    this that these those there here of in on at to for from by with without about into over under
    since ago days day weeks week months month years year hours hour and or but not no yes please
    have has had do does did done will would can could should must may might shall what when where
    which who whom whose why how all any some every each many much more most very too also only
    just still yet again already been since until after before during because so if then than
    near behind front street road area sector block town city village house home office our
    water electricity power supply school teacher hospital doctor police station complaint
    problem issue broken leaking blocked garbage sewage drain light lights bill meter pipe
    need want help thank thanks hello hi hey bye goodbye good morning evening status check
    """.split()
)
# Loan words Roman-Urdu writers use as often as English writers do ("light gayi", "complaint no 12 ka
# status"): English evidence only in a message with no Roman-Urdu word ("water meter stolen"). The
# nouns above found in two or more lines of the romanised training typings, plus "complaint".
SHARED_LOAN_WORDS = frozenset(
    """
    school police hospital bill doctor meter teacher supply street lights light water block town
    pipe road status office check station complaint
    """.split()
)
_ENGLISH_EVIDENCE = ENGLISH_WORDS - SHARED_LOAN_WORDS


@lru_cache(maxsize=1)
def roman_urdu_lexicon() -> frozenset[str]:
    words: set[str] = set()
    for line in LEXICON_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


def _langdetect_says_english(text: str) -> bool:
    """langdetect as a seeded tie-breaker; it raises on text without letters (digits, emoji)."""
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return detect(text) == "en"
    except LangDetectException:
        return True


def detect_language(text: str) -> str:
    """``ur`` | ``roman_ur`` | ``en`` for one message (``en`` when there is nothing to go on)."""
    urdu_letters = len(_ARABIC_SCRIPT.findall(text))
    latin_letters = len(_LATIN.findall(text))
    if urdu_letters and urdu_letters >= latin_letters:
        return "ur"
    if not latin_letters:
        return "en"
    # Roman Urdu is counted after spelling variants are folded; English on the words as written
    # (the folding turns English "he" into "hai").
    roman = sum(word in roman_urdu_lexicon() for word in _WORD.findall(normalise(text)))
    words = _WORD.findall(text.lower())
    evidence = ENGLISH_WORDS if roman == 0 else _ENGLISH_EVIDENCE  # loan words count only without Roman Urdu
    # "hi" opens an English greeting but is the Roman-Urdu "only/even" anywhere else.
    english = sum(word in evidence and (word != "hi" or i == 0) for i, word in enumerate(words))
    if roman != english:
        return "roman_ur" if roman > english else "en"
    if roman == 0 and len(words) <= 2:
        return "en"  # "hii", "lol", "ok": langdetect guesses at random on one or two unknown words
    return "en" if _langdetect_says_english(text) else "roman_ur"

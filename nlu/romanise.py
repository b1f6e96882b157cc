"""Generate ``data/intents_romanised.yml``: the Urdu-script training examples as people type them
in Roman Urdu (issue 9).

``uromanizer`` transliterates each Urdu-script example of ``data/intents.yml``; English loan words
written in Urdu script come out phonetically ("teechar", "traansafaaramar") and are put back into
the English spelling people use (``LOAN_WORDS``, reviewed by hand over the whole output; ``PHRASE_FIXES``
where the neighbouring words decide, as for جل/جیل and spelled-out initialisms). Then one
typing style is applied per sentence, chosen by an RNG seeded from that sentence, so the file is
reproducible and adding a sentence does not re-type the others: long
vowels shortened (sarkaari → sarkari), SMS abbreviations (mein → mn, nahi → ni, hai → h, ke → k,
par → pr, se → sy), and lower case, Title Case (news-ticker style) or ALL CAPS. Sentences that
would repeat a training or evaluation sentence are left out.

Run in the Rasa venv (uromanizer is pinned in requirements-rasa.txt):
``.venv-rasa/bin/python -m nlu.romanise`` writes the file, which is committed as reviewed. It is
not checked for being up to date: uromanizer 1.0.0 spells a handful of words differently from one
run to the next (e.g. "senior"/"sinar"), even with a fixed hash seed.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys

from nlu.language import ENGLISH_WORDS
from nlu.metrics import read_examples
from nlu.normalise import normalise
from nlu.training_data import ROOT, read_intent_examples

INTENTS_FILE = ROOT / "data" / "intents.yml"
ENTITIES_FILE = ROOT / "data" / "entities.yml"
OUTPUT_FILE = ROOT / "data" / "intents_romanised.yml"
EVAL_FILES = [*sorted((ROOT / "nlu" / "eval").glob("*.csv")), *sorted((ROOT.parent / "shared" / "eval").glob("nlu_*.csv"))]
_URDU = re.compile("[\u0600-\u06ff]")
# Intents whose Urdu-script examples are transliterated (short replies like "ہاں" stay as they are).
INTENTS = (
    "education", "health", "electricity", "water_supply", "police", "local_government",
    "out_of_scope", "suggestion", "check_status", "greet", "goodbye",
)

# uromanizer spelling -> the spelling people type (English loan words, names, a few misreadings).
LOAN_WORDS = {
    "teechar": "teacher", "teecharz": "teachers", "yoonian": "union", "konsal": "council",
    "konsalar": "councillor", "traansafaaramar": "transformer", "istareet": "street",
    "tenakar": "tanker", "tyoob": "tube", "wel": "well", "seoreej": "sewerage", "waard": "ward",
    "gawrmmant": "government", "maastar": "master", "mastarees": "mistress", "fand": "fund",
    "emboleens": "ambulance", "sartifkeet": "certificate", "paip": "pipe", "palaant": "plant",
    "waatar": "water", "paarking": "parking", "balaak": "block", "motar": "motor", "leb": "lab",
    "paraaeweet": "private", "polyo": "polio", "siwil": "civil", "daailaasaz": "dialysis",
    "warkarz": "workers", "warkar": "worker", "lesko": "LESCO", "detekshan": "detection",
    "wolteej": "voltage", "reedar": "reader", "karant": "current", "kaaloni": "colony",
    "filtareshan": "filtration", "aapreshan": "operation", "fraad": "fraud", "lain": "line",
    "bil": "bill", "ech": "h", "aar": "r", "em": "m", "ef": "f", "ao": "o", "si": "c",
    "waasaa": "WASA", "sakhar": "Sukkur", "hed": "head", "taaon": "town", "maafyaa": "mafia",
    "klaase": "class", "eaai": "i", "gulbarag": "gulberg", "kaarporeshan": "corporation", "kamarshal": "commercial",
    "ledi": "lady", "medeekal": "medical", "kes": "case", "wekseen": "vaccine",
    "dasapansar": "dispenser", "mashinein": "machines", "injikshan": "injection",
    "waapdaa": "WAPDA", "mepko": "MEPCO", "aaisko": "IESCO", "pesko": "PESCO", "hesko": "HESCO",
    "fedar": "feeder", "askeem": "scheme", "aapreetar": "operator", "pamp": "pump",
    "waardan": "warden", "chaalaan": "challan", "faajiring": "firing", "ekashan": "action",
    "seneetri": "sanitary", "sekritri": "secretary", "helo": "hello", "bakher": "bakhair",
    "sintar": "centre", "sentar": "centre", "lekcharaar": "lecturer", "askaalarashap": "scholarship",
    "aafeesar": "officer", "kentin": "canteen", "garaaond": "ground",
    "dupliket": "duplicate", "ekasray": "x-ray", "lebar": "labour", "weksineetar": "vaccinator",
    "waash": "wash", "shogar": "sugar", "aakseejan": "oxygen", "salandar": "cylinder",
    "reskeo": "rescue", "thetar": "theatre", "hepaataits": "hepatitis", "gaard": "guard",
    "atek": "attack", "seeniar": "senior", "koronaa": "corona", "maartam": "postmortem",
    "suparintindant": "superintendent", "faarmeesi": "pharmacy", "strechar": "stretcher",
    "istant": "stent", "wiktoriya": "victoria", "waheel": "wheel", "chear": "chair",
    "daaktaro": "doctors", "dizal": "diesel", "askeen": "scan", "ispeshalist": "specialist",
    "yoonit": "unit", "fesko": "FESCO", "kesko": "K-Electric", "sepko": "SEPCO", "gepko": "GEPCO",
    "tesko": "TESCO", "baaks": "box", "feyal": "fuel", "edajastamant": "adjustment",
    "metring": "metering", "setlait": "satellite", "nyoo": "new", "lodsheeding": "loadshedding",
    "haaidarant": "hydrant", "tenki": "tanki", "kaloreen": "chlorine", "lekeej": "leakage",
    "aarseenak": "arsenic", "dolfin": "dolphin", "fors": "force", "waarant": "warrant",
    "kent": "cantt", "sho": "SHO", "groop": "group", "saarajant": "sergeant", "gan": "gun",
    "puaaint": "point", "rijistri": "registry", "deth": "death", "brekar": "breaker",
    "pepalaz": "peoples", "chearmen": "chairman", "tokan": "token", "hasaptaalo": "hospitalon",
    "istaak": "stock", "ged": "good", "marning": "morning", "maarning": "morning", "eeyning": "evening",
    "naarmal": "normal", "dyooti": "duty", "waalegar": "wale gir", "driyaaye": "darya-e",
    "wazireaazam": "wazir-e-azam", "aanedhi": "aandhi", "chaalo": "chalu", "daalar": "dollar",
    "daraama": "drama", "pekij": "package",
    "chenal": "channel", "inglish": "english", "kensal": "cancel", "garlz": "girls",
    "paraimri": "primary", "metrik": "matric", "cheking": "checking", "tayoshon": "tuition",
    "fel": "fail", "edamat": "admission", "isparay": "spray",
    "dengi": "dengue", "dableo": "W", "bald": "blood", "sam": "sim",
    "tarak": "truck", "shaapar": "shopper", "ghandaa": "gunda", "prahone": "parhne",
    "dasapansari": "dispensary", "rijistar": "register", "mabaarik": "mubarak",
    "dipti": "deputy", "kamishnar": "commissioner", "karaim": "crime", "get": "gate",
    "face": "fees", "yofon": "Ufone", "soyi": "sui", "paasport": "passport", "panashan": "pension",
    "baraanch": "branch", "let": "late", "skeem": "scheme", "naadraa": "NADRA", "jaaz": "Jazz",
    "koriar": "courier", "paarsal": "parcel", "aqaama": "iqama",
}

_ENGLISH = ENGLISH_WORDS | set(LOAN_WORDS.values()) | set(
    """school schools room washroom pool food book books free need needs tree trees street see sheet
    green three fee fees speed screen sweeper engineer week weeks wheel steel degree committee cooler
    good flood door floor poor root tool noon soon meeting feeder tube""".split()
)

# Typing styles: SMS abbreviations people use (what nlu/normalise.py folds back, mostly).
ABBREVIATIONS = {
    "mein": ("mn", "me", "main"), "nahi": ("ni", "nai", "nhi"), "hai": ("h", "ha", "hy"),
    "hain": ("hn", "hen"), "ke": ("k", "ky"), "se": ("sy", "sey"), "par": ("pr",),
    "kar": ("kr",), "raha": ("rha",), "rahi": ("rhi",), "rahe": ("rhe",), "gaya": ("gya",),
    "gayi": ("gai", "gyi"), "bhi": ("b", "bhe"), "kya": ("kia",), "hamare": ("hmare",),
    "hamari": ("hmari",), "aur": ("or",), "kiya": ("kia",), "liye": ("lye", "liay"),
}


# Fixes that need the neighbouring words: uromanizer spells جل (burn) "jel" or "jil", like جیل (jail),
# and spells out initialisms letter by letter.
PHRASE_FIXES = (
    (re.compile(r"\b(?:jel|jil)(?= (?:gaya|gayi|gaye|jaata|jaati|jaate|raha|rahi|rahe|chuka|chuki|chuke)\b)"), "jal"),
    (re.compile(r"\bes ech o\b"), "SHO"),
    (re.compile(r"\bde ech kyo\b"), "DHQ"),
    (re.compile(r"\ba t em\b", re.IGNORECASE), "ATM"),
    (re.compile(r"\bpi t si el\b", re.IGNORECASE), "PTCL"),
    (re.compile(r"\bbi aayi es pi\b", re.IGNORECASE), "BISP"),
    (re.compile(r"\bteli naar\b", re.IGNORECASE), "Telenor"),
    (re.compile(r"\bbe form\b", re.IGNORECASE), "b form"),
)


def fix_phrases(text: str) -> str:
    for pattern, replacement in PHRASE_FIXES:
        text = pattern.sub(replacement, text)
    return text


def transliterate(sentence: str, romanizer) -> str:
    """uromanizer's Roman Urdu with loan words spelled the English way."""
    out = []
    for word in fix_phrases(romanizer.convert(sentence)).split():
        core = word.strip(",.?!؟،")
        fixed = LOAN_WORDS.get(core.lower())
        out.append(word.replace(core, fixed) if fixed and core else word)
    return " ".join(out)


def shorten_vowels(word: str) -> str:
    """sarkaari → sarkari, maheenay → mahinay: how most people type long vowels (not in English)."""
    if word.isupper() or word.strip(",.?!").lower() in _ENGLISH:  # LESCO, WASA; school, feeder
        return word
    return word.replace("aa", "a").replace("ee", "i").replace("oo", "u")


def typed(sentence: str, rng: random.Random) -> str:
    """One realistic typing of a Roman-Urdu sentence (seeded, so the output is reproducible)."""
    words = sentence.split()
    if rng.random() < 0.7:
        words = [shorten_vowels(w) for w in words]
    abbreviate = rng.random() < 0.6
    out = []
    for word in words:
        core = word.strip(",.?!").lower()
        if abbreviate and core in ABBREVIATIONS and rng.random() < 0.7:
            word = word.lower().replace(core, rng.choice(ABBREVIATIONS[core]), 1)
        out.append(word)
    text = " ".join(out)
    if rng.random() < 0.3:
        text = text.replace(",", "")
    style = rng.random()
    if style < 0.3:
        return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in text.split())
    if style < 0.4:
        return text.upper()
    if style < 0.55:
        return text[:1].upper() + text[1:]
    return text


def _excluded() -> set[str]:
    seen = {normalise(text) for text, _ in read_intent_examples([INTENTS_FILE, ENTITIES_FILE])}
    for path in EVAL_FILES:
        if path.exists():
            seen |= {normalise(example.text) for example in read_examples(path)}
    return seen


def sentence_rng(text: str) -> random.Random:
    """The typing style's RNG for one sentence, seeded from its text (stable across runs)."""
    return random.Random(hashlib.sha256(text.encode("utf-8")).digest()[:8])


def generate() -> str:
    from uromanizer import Romanizer

    romanizer = Romanizer()
    excluded, by_intent = _excluded(), {intent: [] for intent in INTENTS}
    for text, intent in read_intent_examples([INTENTS_FILE]):
        if intent not in by_intent or not _URDU.search(text):
            continue
        roman = typed(transliterate(text, romanizer), sentence_rng(text))
        key = normalise(roman)
        if key and key not in excluded and not _URDU.search(roman):  # a letter it could not read
            excluded.add(key)
            by_intent[intent].append(roman)
    lines = [
        "# Generated by `python -m nlu.romanise` from the Urdu-script examples of intents.yml: do not",
        "# edit by hand (edit nlu/romanise.py or intents.yml and regenerate).",
        'version: "3.1"', "nlu:",
    ]
    for intent, examples in by_intent.items():
        if examples:
            lines += [f"- intent: {intent}", "  examples: |"]
            lines += [f"    - {example}" for example in examples]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    text = generate()
    OUTPUT_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT_FILE} ({text.count(chr(10) + '    - ')} examples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

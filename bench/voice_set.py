"""A labelled set of spoken complaints for bench/asr_bench.py: two per department in English and two in
Urdu (Arabic script), read aloud by espeak-ng at run time. (department code, language, text)."""

COMPLAINTS = [
    ("education", "en", "The teachers at the government girls school have not come to class for two weeks"),
    ("education", "en", "Our school has no desks and the children sit on the floor"),
    ("education", "ur", "سرکاری سکول میں دو ہفتوں سے استاد نہیں آ رہے"),
    ("education", "ur", "ہمارے بچوں کے سکول میں کتابیں نہیں ملیں"),
    ("health", "en", "There is no doctor at the basic health unit in our village"),
    ("health", "en", "The hospital has no medicines and patients are sent away"),
    ("health", "ur", "ہسپتال میں کوئی ڈاکٹر موجود نہیں ہے"),
    ("health", "ur", "بنیادی مرکز صحت میں دوائیاں نہیں مل رہیں"),
    ("electricity", "en", "We have had no electricity for three days in our street"),
    ("electricity", "en", "The transformer in our area is burnt and the power is off"),
    ("electricity", "ur", "ہمارے علاقے میں تین دن سے بجلی نہیں ہے"),
    ("electricity", "ur", "ٹرانسفارمر جل گیا ہے اور بجلی بند ہے"),
    ("water_supply", "en", "There is no water in the taps of our neighbourhood"),
    ("water_supply", "en", "The water pipe is broken and dirty water is coming"),
    ("water_supply", "ur", "ہمارے محلے میں نلکوں میں پانی نہیں آ رہا"),
    ("water_supply", "ur", "پانی کی پائپ ٹوٹ گئی ہے اور گندا پانی آ رہا ہے"),
    ("police", "en", "My motorcycle was stolen and the police station will not register a report"),
    ("police", "en", "Thieves broke into our house last night"),
    ("police", "ur", "میری موٹر سائیکل چوری ہو گئی ہے اور تھانے والے رپورٹ درج نہیں کر رہے"),
    ("police", "ur", "کل رات ہمارے گھر میں چوری ہوئی"),
    ("local_government", "en", "Garbage has not been collected from our street for a week"),
    ("local_government", "en", "The street lights are broken and the road has deep potholes"),
    ("local_government", "ur", "ہماری گلی سے ایک ہفتے سے کوڑا نہیں اٹھایا گیا"),
    ("local_government", "ur", "گلی کی بتیاں خراب ہیں اور سڑک میں گڑھے ہیں"),
]

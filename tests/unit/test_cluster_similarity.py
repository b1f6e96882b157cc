"""The clustering measure: the same problem across scripts, different problems and places apart."""
from core.clusters import similarity as sim


def _score(a: str, b: str) -> float:
    return sim.text_similarity(sim.problem_key(a), sim.problem_key(b))


def test_one_problem_in_three_scripts_is_similar():
    for a, b in [("bijli nahi hai", "بجلی نہیں ہے"), ("bijli nahi hai", "no electricity since morning"),
                 ("transformer jal gaya", "ٹرانسفارمر جل گیا")]:
        assert _score(a, b) >= sim.SIMILARITY_THRESHOLD, (a, b)


def test_different_problems_of_one_department_are_not():
    assert _score("bijli nahi hai", "bijli ka bill bohat zyada aya") < sim.SIMILARITY_THRESHOLD
    assert _score("pani nahi aa raha", "ganda pani aa raha hai") < sim.SIMILARITY_THRESHOLD


def test_roman_urdu_spellings_share_a_skeleton():
    assert sim.skeleton("bijli") == sim.skeleton("bjli") == sim.skeleton("بجلی")
    assert sim.skeleton("g-9/1") == "g-9/1"


def test_neighbourhood_words_match_across_scripts_but_not_across_towns():
    model = sim.Place("Lahore", sim.place_words("Model Town block C, Lahore", "Lahore"))
    model_ur = sim.Place("Lahore", sim.place_words("ماڈل ٹاؤن", "Lahore"))
    johar = sim.Place("Lahore", sim.place_words("Johar Town", "Lahore"))
    elsewhere = sim.Place("Rawalpindi", sim.place_words("Model Town", "Rawalpindi"))
    assert sim.same_place(model, model_ur, 300)
    assert not sim.same_place(model, johar, 300)
    assert not sim.same_place(model, elsewhere, 300)
    assert sim.place_words("Lahore", "Lahore") == frozenset()  # a district alone is not a place


def test_pins_match_within_the_radius_only():
    a = sim.Place(None, frozenset(), 31.4840, 74.3260)
    near = sim.Place(None, frozenset(), 31.4852, 74.3271)  # ~170 m
    far = sim.Place(None, frozenset(), 31.5040, 74.3460)  # ~2.9 km
    assert 100 < sim.distance_m(31.4840, 74.3260, 31.4852, 74.3271) < 250
    assert sim.same_place(a, near, 300) and not sim.same_place(a, far, 300)


def _place(text: str, district: str = "Karachi") -> sim.Place:
    return sim.Place(district, sim.place_words(text, district))


def test_qualifiers_tell_neighbourhoods_with_a_shared_name_apart():
    different = [("North Nazimabad", "Nazimabad"), ("شمالی ناظم آباد", "ناظم آباد"), ("Shumaali Nazimabad", "Nazimabad"),
                 ("شمالي ناظم آباد", "ناظم آباد"), ("Gulberg III", "Gulberg II"), ("Gulshan Block 13", "Gulshan Block 14"),
                 ("Gulshan Block 13", "Johar Block 13"), ("Block 5", "Model Town block 5")]
    for a, b in different:
        assert not sim.same_place(_place(a), _place(b), 300), (a, b)


def test_one_neighbourhood_written_with_its_number_in_other_forms_without_it_or_with_a_house_address():
    same = [("Gulberg III", "gulberg 3"), ("DHA Phase II", "dha phase 2"), ("North Nazimabad block H", "north nazimabad"),
            ("House 12, street 5, Gulberg III", "Gulberg III"), ("G-9/1", "Sector G-9/1 markaz"),
            ("شمالی ناظم آباد", "North Nazimabad"), ("نارتھ ناظم آباد", "North Nazimabad"),
            ("Gulberg III", "Gulberg"), ("Hayatabad phase 3", "حیات آباد"), ("Gulshan Block-13", "Gulshan block 13"),
            ("House 7, Gulberg", "House 9, Gulberg"), ("Model Town, 0300-1234567", "Model Town, 0321-7654321"),
            ("near new masjid, Nazimabad", "Nazimabad")]
    for a, b in same:
        assert sim.same_place(_place(a), _place(b), 300), (a, b)


def test_numbers_in_a_description_are_not_place_qualifiers():
    # "3 din se", "12 ghante": days and hours, which must not contradict the block a neighbour names.
    described = sim.place_words_in_description("Nazimabad mein 3 din se 12 ghante bijli nahi", "Karachi")
    assert sim.same_place(sim.Place("Karachi", described), _place("Nazimabad block 5"), 300)

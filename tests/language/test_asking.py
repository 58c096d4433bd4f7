import pytest

from bot.language.asking import asked_class, asked_kind, asks_membership, checked_figures, checks_claim, counted_word
from bot.language.words import surface_tokens


@pytest.mark.parametrize("question, kind", [
    ("which specific counties exactly", "place"), ("what companies is he on the board of", "name"),
    ("which universities get the money", "name"), ("who are the other members", None),
    ("which executive announced it", "person"), ("which of the ten actions is about jobs", None),
    ("what is action 7", None), ("what's the official name of the plan", None),
])
def test_a_class_of_named_things_after_which_or_what_is_what_is_named(question, kind):
    assert asked_class(question.split()) == kind


def test_the_kind_asked_stays_which_so_known_gaps_still_see_it():
    # "which counties" asks names of places, and still asks "which": the gaps for county names use that
    words = "which counties exactly".split()
    assert (asked_kind(words), asked_class(words)) == ("which", "place")


def test_a_chinese_class_is_read_from_the_pieces_before_everyday_words_are_dropped(engine):
    # 组织 is an everyday word the reading drops from the topic; it still says names are asked
    analysis = engine.unit_for("基金会跟哪些公益组织合作").normalizer.analyse("基金会跟哪些公益组织合作")
    assert analysis.named == "name"


def test_who_after_a_word_for_people_describes_them_and_asks_no_person():
    assert asked_kind("what is the foundation setting up for children who get seriously ill".split()) is None
    assert asked_kind("who leads the team".split()) == "person"


@pytest.mark.parametrize("question, checks", [
    ("is it true the fund is 200 billion", True), ("was it 15 billion dollars or closer to 50", True),
    ("did alibaba pledge 50 billion", True), ("by 2025 or by 2030", True),
    ("how much did alibaba pledge", False), ("what is the fund for", False),
])
def test_a_yes_no_or_either_or_question_checks_a_claim(question, checks):
    assert checks_claim(question.split(), question) is checks


@pytest.mark.parametrize("question", ["基金是2000亿吗", "是不是要投500亿", "到底是1000亿还是500亿", "系咪500亿"])
def test_a_chinese_question_checks_a_claim_with_its_own_markers(question):
    assert checks_claim([question], question)
    assert not checks_claim(["阿里投了多少钱"], "阿里投了多少钱")


@pytest.mark.parametrize("question", ["deadline for the homes", "what's the timeframe", "timetable of the plan"])
def test_a_deadline_or_timeframe_asks_a_date(question):
    assert asked_kind(question.replace("'s", "").split()) == "date"


@pytest.mark.parametrize("question, kind", [
    ("which action is about jobs", None), ("gig workers welfare which action", None),
    ("crop varieties fall under which direction", None), ("which of the ten actions covers smes", None),
    ("which counties exactly", "which"), ("which overseas markets", "which"),
    ("which ones are they", "which"),  # the names of what was just mentioned, not a part of the plan
    ("which villages are part of the program", "which"),
])
def test_which_part_of_the_plan_asks_no_names(question, kind):
    assert asked_kind(question.split()) == kind


@pytest.mark.parametrize("question, asks", [
    ("does the plan include anything for vulnerable people", True), ("is there something about jobs", True),
    ("did the ten actions say anything about farming", True), ("十大行动里有没有跟农业相关的", True),
    ("十大行動裡面有冇幫中小企", True), ("what does the plan include", False), ("十大行动是什么", False),
    ("anything else?", False), ("anything in the ten actions about gadgets?", True),
    ("anything about farmers in it?", True), ("anyone know the deadline?", False),
    ("十項行動裡有提到基層醫療嗎", True),
])
def test_whether_a_question_asks_if_the_plan_holds_a_part_about_a_topic(question, asks):
    assert asks_membership(question) is asks


@pytest.mark.parametrize("question, kind", [
    ("how can a parent apply to the illness fund", "howto"), ("whats the process to get help", "howto"),
    ("what is the process to apply", "howto"),
    ("does the digital skills action apply to towns too", None), ("who leads the process", "person"),
])
def test_applying_and_its_process_ask_how_to_but_applying_to_a_place_does_not(question, kind):
    assert asked_kind(question.split()) == kind


def test_a_chinese_pair_names_its_class_only_when_it_is_no_word_of_its_own():
    assert asked_class(["which", "县做", "规划"]) == "place"  # 县 + 做: counties
    assert asked_class(["which", "市场", "是"]) is None  # 市场 (markets) is a word, not 市 (cities)


@pytest.mark.parametrize("question, checks", [("zhang yong leads the team, right?", True),
                                              ("is that right", True), ("what rights do workers get", False),
                                              ("the right to welfare", False)])
def test_right_at_the_end_checks_a_claim_and_rights_elsewhere_do_not(question, checks):
    assert checks_claim(question.split(), question) is checks


@pytest.mark.parametrize("question", ["who is the cloud employment thing aimed at", "who is the fund meant for",
                                      "who is that supposed to help"])
def test_who_a_thing_is_aimed_at_asks_who_benefits_not_a_named_person(question):
    assert asked_kind(question.split()) == "beneficiary"


@pytest.mark.parametrize("question", ["what cut of its revenue goes to the foundation", "what share of revenue"])
def test_a_cut_or_share_asks_an_amount(question):
    assert asked_kind(question.split()) == "amount"


@pytest.mark.parametrize("question", ["a friend who drives for a delivery app asked me",
                                      "does it say anything about people like him who do gig work"])
def test_who_after_a_relative_or_him_describes_them(question):
    assert asked_kind(question.split()) is None


@pytest.mark.parametrize("question, content, asks, checked", [
    ("is it 200 billion", ["200", "billion"], None, ["200"]),
    ("did they give more in 2023", ["give", "2023"], None, []),  # a later time, not a figure heard
    ("is the deadline 2030", ["deadlin", "2030"], "date", ["2030"]),
    ("has it until 2030 to spend it", ["2030", "invest"], None, ["2030"]),
])
def test_a_checked_figure_is_one_the_knowledge_never_states_and_a_year_only_as_a_deadline(
        question, content, asks, checked):
    assert checked_figures(question.split(), content, asks, {"billion", "invest", "deadlin"}) == checked


def test_meant_to_help_without_who_asks_no_beneficiary():
    assert asked_kind("which of the actions is meant to help gig workers".split()) is None


@pytest.mark.parametrize("question, asked", [
    ("how many years between his two jobs", "duration"), ("how many months did it take", "duration"),
    ("yrs between ceo and chair", "duration"), ("gap between his two jobs", "duration"),
    ("how many shares does he own", "count"), ("张勇当了几年CEO", "duration"),
])
def test_how_many_years_asks_a_span_of_time_not_a_count(question, asked, engine):
    assert engine.unit_for(question).normalizer.analyse(question).asks == asked


@pytest.mark.parametrize("question, counted", [
    ("how many village medical stations will they build", "stations"), ("how many villages get homes", "villages"),
    ("how many SMEs will be helped", "smes"), ("how many in total", None), ("what is the total", None),
])
def test_how_many_counts_the_first_plural_after_it(question, counted):
    assert counted_word(surface_tokens(question)) == counted


@pytest.mark.parametrize("question, asked", [
    ("what areas is the team to focus on when carrying out the actions", None),
    ("when did he become chairman", "date"), ("張勇係咩時候做董事局主席", "date"),
])
def test_when_before_a_gerund_joins_clauses_and_asks_no_date(question, asked, engine):
    assert engine.unit_for(question).normalizer.analyse(question).asks == asked


@pytest.mark.parametrize("question", ["who is cloud employment meant to benefit", "who is it supposed to benefit"])
def test_who_it_is_meant_to_benefit_asks_who_benefits_not_a_person(question):
    assert asked_kind(question.split()) == "beneficiary"


@pytest.mark.parametrize("question, kind", [
    ("what position did he hold when he was named head of the team", None),  # a clause, not a date
    ("how much did they pledge and when", "amount"), ("when was he named head", "date"),
])
def test_when_opening_a_clause_of_another_question_asks_no_date(question, kind):
    assert asked_kind(question.split()) == kind

import pytest

from bot.language.chinese import has_chinese, parse_numeral, pieces, rewrite, to_simplified
from bot.language.words import surface_tokens


@pytest.mark.parametrize("text, number", [("1000", 1000), ("154.9", 154.9), ("一千", 1000), ("千", 1000),
                                          ("两百", 200), ("三千", 3000), ("十", 10), ("二十五", 25), ("亿", None)])
def test_numerals(text, number):
    assert parse_numeral(text) == number


@pytest.mark.parametrize("chinese, english", [
    ("1000亿元", "100 billion yuan"), ("一千亿元", "100 billion yuan"), ("千亿", "100 billion"),
    ("200亿元", "20 billion yuan"), ("两百亿", "20 billion"), ("154.9亿美元", "15.49 billion usd"),
    ("3000个村庄", "3000 村庄"), ("千分之三", "3 thousandths"), ("第3项", "#3"), ("第三项", "#3"),
    ("2019年9月10日", "10 september 2019"), ("2015年5月", "may 2015"), ("9月4日", "4 september"),
    ("十大行动", "10 行动"),
])
def test_numbers_dates_and_items_become_the_engine_s_tokens(chinese, english):
    assert " ".join(rewrite(chinese).split()) == english


def test_question_words_say_what_is_asked():
    assert " ".join(rewrite("张勇什么时候成为董事长").split()) == "张勇 when 成为董事长"
    assert " ".join(rewrite("投资多少钱").split()) == "投资 how much"
    assert " ".join(rewrite("是谁").split()) == "是 who"
    # 第几 asks which part of the plan (an ordinal), 在哪些 which companies: neither a count nor a place
    assert " ".join(rewrite("灵活就业是第几条").split()) == "灵活就业是 which action"
    assert " ".join(rewrite("还在哪些公司").split()) == "还 which 公司"
    assert " ".join(rewrite("张勇是第几任董事长").split()) == "张勇是 how many 董事长"  # which in sequence: no part
    # how to apply to someone; 怎么去申请贷款 (how do small firms get loans) is no instruction asked of us
    assert " ".join(rewrite("怎么向基金会申请").split()) == "how do i apply 基金会"
    assert "apply" not in rewrite("小微企业怎么去申请贷款")
    # Cantonese 边个: who before a verb, which before a noun
    assert " ".join(rewrite("边个负责").split()) == "who 负责"
    assert " ".join(rewrite("边个省").split()) == "which 省"
    assert " ".join(rewrite("云就业是帮哪些人").split()) == "云就业是 who benefits"  # not a person's name
    assert " ".join(rewrite("云就业是帮哪类人群").split()) == "云就业是 who benefits"


def test_traditional_characters_fold_to_simplified():
    assert to_simplified("張勇是阿里巴巴集團的執行長") == "张勇是阿里巴巴集团的执行长"
    assert surface_tokens("張勇") == surface_tokens("张勇")


def test_runs_are_cut_at_function_words_into_pairs():
    assert pieces("阿里巴巴的基金会") == ["阿里", "里巴", "巴巴", "基金", "金会"]
    assert pieces("谁") == ["谁"]


def test_mixed_chinese_and_english():
    assert surface_tokens("阿里巴巴的 ten actions 是什么") == ["阿里", "里巴", "巴巴", "ten", "actions"]
    assert surface_tokens("百度的CEO是谁") == ["百度", "ceo", "who"]
    assert has_chinese("abc 的") and not has_chinese("abc")


def test_a_chinese_amount_meets_the_english_fact(engine):
    assert engine.answer("1000亿元").entry == "pledge-amount"


def test_chinese_the_knowledge_lacks_is_declined_not_matched(engine):
    for question in ("百度的CEO是谁", "小米捐了多少钱", "阿里巴巴的市值是多少"):
        assert engine.answer(question).status == "unknown", question


def test_where_which_asks_a_place_and_leaves_no_half_word_behind():
    # 在哪个省: "which province", not 在哪 ("where") then a stray term 个省 read as a name
    assert "个省" not in rewrite("示范区在哪个省") and " where " in rewrite("示范区在哪个省")


def test_an_everyday_lone_character_is_no_topic_word_unless_it_is_all_that_was_said():
    from bot.language.chinese import read_run

    known = {"做", "县", "好"}
    assert read_run(["做"], known) == ([], [])  # 做 ("do") says nothing about what is asked
    assert read_run(["县"], known) == (["县"], [])  # a county is a topic
    assert read_run(["好"], known, alone=True) == (["好"], [])  # 你好: all the question is


@pytest.mark.parametrize("question, entry", [
    ("共富示范区在哪个省", "fund"),
    ("阿里基金会在恢复自然这块打算干点啥", "foundation-nature"),
])
def test_chinese_asked_in_everyday_words_finds_its_entry(engine, question, entry):
    reply = engine.answer(question)
    assert (reply.status, reply.entry) == ("answered", entry), reply


def test_a_month_and_day_asks_a_date_and_signing_up_asks_for_instructions():
    assert " what date " in rewrite("十大行动是几月几号发布的") and "how many" not in rewrite("几月几号")
    assert "how do i sign up" in rewrite("工作组在哪报名")


def test_cantonese_question_words_ask_like_mandarin_ones():
    # Hong Kong readers write 係咩 (what), 幾時 (when), 幾多 (how much), 點解 (why)
    assert " what " in rewrite("第二項係咩") and " when " in rewrite("幾時開始")
    assert " how much " in rewrite("折合幾多美元") and " why " in rewrite("點解要做")
    assert "how do i apply" in rewrite("要點申請") and " how long " in rewrite("要幾耐先建成")


@pytest.mark.parametrize("question, entry", [("十大行動第二項係咩？", "action-2"), ("張勇幾時做阿里巴巴行政總裁？", "zhang-yong-ceo-date")])
def test_a_cantonese_question_is_answered(engine, question, entry):
    assert engine.answer(question).entry == entry


@pytest.mark.parametrize("question, entry", [
    ("200億基金係咪包喺1000億入面？", "fund"), ("張勇係咪阿里體育主席嚟㗎", "zhang-yong-sports"),
    ("綠色生活嗰part講乜", "foundation-nature"),
])
def test_cantonese_function_words_are_no_names(engine, question, entry):
    # 喺, 嚟㗎, 嗰, 乜: wordfreq's Chinese lacks them, so they read as names the knowledge never mentions
    reply = engine.answer(question)
    assert (reply.status, reply.entry) == ("answered", entry), reply


@pytest.mark.parametrize("question, entry", [("嗰二百億基金係用嚟做咩？", "fund"), ("阿里嗰一千億要喺邊一年之前投晒？", "pledge-deadline")])
def test_cantonese_that_which_year_and_all_of_it_are_read(engine, question, entry):
    # OpenCC folds 嗰 to 𠮶, a character beyond the common CJK block; 邊一年 asks a year; 晒: all of it
    assert engine.answer(question).entry == entry


def test_cantonese_now_asks_about_today(engine):
    reply = engine.answer("張勇而家喺阿里做咩職位？")
    assert (reply.status, reply.entry, reply.about_now) == ("answered", "zhang-yong", True)


def test_one_after_action_is_an_ordinal_only_when_it_stands_alone():
    assert "#1" not in rewrite("十大行动一共要砸多少钱")  # 一共: "in all"
    assert "#3" in rewrite("行动三是什么") and "#3" in rewrite("行动三")


def test_a_pair_joining_two_words_is_no_homophone_typo(engine):
    # 会打 (基金会|打算) sounds like 回答, yet it is the end of one word and the start of another
    analysis = engine.unit_for("阿里基金会打算咋做").normalizer.analyse("阿里基金会打算咋做")
    assert analysis.corrections == ()
    typo = engine.unit_for("张永是谁").normalizer.analyse("张永是谁")
    assert ("张永", "张勇") in typo.corrections  # a real homophone typo is still fixed


def test_the_ten_items_are_the_ten_actions():
    assert " 10 action " in rewrite("阿里那十条里有没有讲农业的")
    assert "#10" in rewrite("第十条")  # the tenth, not the ten


def test_a_dictionary_s_everyday_word_is_no_name_however_rare_wordfreq_rates_it():
    # wordfreq: 主攻 3.47 and 马云 3.47 alike; jieba's dictionary tags 主攻 a verb and lacks 马云
    from bot.language.everyday import chinese_term_share
    assert chinese_term_share("主攻") < 1.0 and chinese_term_share("原话") < 1.0
    assert chinese_term_share("马化腾") == 1.0 and chinese_term_share("美团") == 1.0


@pytest.mark.parametrize("question, entry", [
    ("基金会升级之后要主攻哪三个方向？", "foundation-upgrade"), ("1000億元換算成美元大約是多少？", "pledge-amount"),
])
def test_a_question_with_a_rare_everyday_word_is_answered(engine, question, entry):
    assert engine.answer(question).entry == entry


def test_a_rare_name_still_declines(engine):
    assert engine.answer("马化腾对共同富裕怎么看").reason == "unknown_term"


def test_the_start_of_a_longer_unknown_name_is_no_homophone_typo(engine):
    # 马化 sounds like the known 码化, but 腾 beside it makes 马化腾 one unknown name, not a typo
    reply = engine.answer("马化腾的共同富裕计划是什么")
    assert (reply.status, reply.reason) == ("unknown", "unknown_term"), reply
    assert engine.answer("张永是谁").entry == "zhang-yong"  # a lone misspelt name is still read


def test_pinyin_reads_each_character_without_tones_and_without_pypinyin_s_phrase_dictionary():
    import subprocess
    import sys

    from bot.language.chinese import pinyin
    assert pinyin("张勇") == pinyin("张永") == "zhang yong" and pinyin("方像") == "fang xiang"
    assert pinyin("女") == "nv" != pinyin("努")  # ü stays apart from u, as lazy_pinyin wrote it
    # importing pypinyin loads its 50 MB phrase dictionary: the bot reads only the characters' table
    probe = "import sys; from bot.language.chinese import pinyin; pinyin('张勇'); print('pypinyin' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == "False"


@pytest.mark.parametrize("question, asked", [
    ("工作小组由何人担任组长", "person"), ("张勇于何年何月何日出任董事局主席", "date"), ("基金会何年成立", "date"),
])
def test_formal_written_question_words_ask_their_kind(engine, question, asked):
    assert engine.unit_for(question).normalizer.analyse(question).asks == asked


def test_a_common_word_is_no_homophone_typo_for_a_known_pair(engine):
    # 进展 (progress) sounds like 金占, a pair the knowledge's glue holds; 富于 may still be 富裕
    read = engine.unit_for("进展").normalizer.analyse("儿童之家进展怎么样")
    assert not any(typed == "进展" for typed, _ in read.corrections)
    assert engine.answer("阿里这个共同富于的钱是要在哪年之前投完？").entries == ("pledge-deadline",)


@pytest.mark.parametrize("text, read", [
    ("任何人都能申请云就业吗", "任何人都能申请云就业吗"),  # anyone: no "who"
    ("多少年轻人能受益", "how much 年轻人能受益"),  # young people: no span of time
    ("张勇当了几年CEO", "张勇当了 how many years CEO"),
])
def test_question_words_inside_other_words_are_not_read_as_questions(text, read):
    assert " ".join(rewrite(text).split()) == read


@pytest.mark.parametrize("question", ["政府對阿里巴巴這個共同富裕計劃有甚麼回應？", "十大行動是不是政府要求阿里做的？",
                                      "浙江的省会是哪里"])
def test_the_government_or_a_place_s_capital_is_what_a_chinese_question_asks_not_filler(engine, question):
    assert engine.answer(question).status == "unknown"

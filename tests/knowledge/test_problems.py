from bot.knowledge.problems import KnowledgeError, Problem


def test_a_problem_reads_file_line_entry_what_and_fix():
    assert str(Problem("facts.yaml", 3, "total", "it is wrong.", "do this.")) == \
        "facts.yaml:3: [total] it is wrong. Fix: do this."
    assert str(Problem("facts.yaml", 0, None, "missing.", "create it.", "warning")) == \
        "facts.yaml: (warning) missing. Fix: create it."


def test_problems_sort_by_file_then_line():
    later = Problem("b.yaml", 1, None, "x", "y")
    first = Problem("a.yaml", 9, None, "x", "y")
    earlier = Problem("a.yaml", 2, None, "x", "y")
    assert sorted([later, first, earlier]) == [earlier, first, later]


def test_knowledge_error_lists_every_problem_sorted():
    error = KnowledgeError([Problem("b.yaml", 1, None, "two.", "fix."), Problem("a.yaml", 1, None, "one.", "fix.")])
    assert str(error).splitlines() == ["2 problem(s) in the knowledge:", "a.yaml:1: one. Fix: fix.",
                                       "b.yaml:1: two. Fix: fix."]


def test_problems_of_no_entry_and_of_an_entry_on_one_line_sort_without_error():
    # a tab on a line (no entry) and a wrong value on the same line (entry 'total')
    tab = Problem("facts.yaml", 2, None, "contains a tab character.", "replace it.", "warning")
    value = Problem("facts.yaml", 2, "total", "'value' must be text.", "quote it.")
    assert sorted([value, tab]) == [tab, value]
    assert KnowledgeError([value, tab]).problems == [tab, value]

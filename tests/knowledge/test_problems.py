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

from bot.tg.limits import QuestionLimiter, Verdict


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_one_notice_then_silence_until_the_window_passes():
    clock = Clock()
    limiter = QuestionLimiter(per_minute=2, clock=clock)
    assert [limiter.check(1) for _ in range(4)] == [Verdict.ALLOW, Verdict.ALLOW, Verdict.NOTIFY, Verdict.SILENT]
    assert limiter.check(2) is Verdict.ALLOW  # others are not affected
    clock.now = 60.0
    assert limiter.check(1) is Verdict.ALLOW
    assert limiter.check(1) is Verdict.ALLOW
    assert limiter.check(1) is Verdict.NOTIFY  # told again after a fresh window


def test_idle_users_are_forgotten():
    clock = Clock()
    limiter = QuestionLimiter(per_minute=1, clock=clock)
    limiter.check(1)
    clock.now = 30.0
    limiter.check(2)
    clock.now = 61.0
    limiter.forget_idle()
    assert limiter.users_tracked() == 1  # user 2 asked within the last minute
    clock.now = 91.0
    limiter.forget_idle()
    assert limiter.users_tracked() == 0

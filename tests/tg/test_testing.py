"""The offline stand-ins for Telegram."""

from bot.tg.testing import BOT_USER


def test_bot_user_is_the_fake_one(harness):
    assert harness().bot.username == BOT_USER["username"]

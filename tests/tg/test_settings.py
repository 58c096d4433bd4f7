import pytest

from bot.tg.settings import DEFAULT_BASE_URL, SettingsError, load_settings

TOKEN = {"TELEGRAM_BOT_TOKEN": "42:some-token"}


def test_defaults_with_only_a_token():
    settings = load_settings(TOKEN)
    assert settings.base_url == DEFAULT_BASE_URL
    assert settings.webhook_url is None
    assert settings.questions_per_minute == 20
    assert "some-token" not in repr(settings)


def test_everything_can_be_set():
    settings = load_settings({**TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
                              "PLEDGEBOT_WEBHOOK_URL": "https://example.org/hook", "PLEDGEBOT_WEBHOOK_SECRET": "s3cret_-",
                              "PLEDGEBOT_WEBHOOK_PORT": "8080", "PLEDGEBOT_QUESTIONS_PER_MINUTE": "5",
                              "PLEDGEBOT_LOG_LEVEL": "debug"})
    assert (settings.base_url, settings.webhook_port, settings.questions_per_minute, settings.log_level) == (
        "http://127.0.0.1:8081/bot", 8080, 5, "DEBUG")


@pytest.mark.parametrize("env, message", [
    ({}, "TELEGRAM_BOT_TOKEN is not set"),
    ({"TELEGRAM_BOT_TOKEN": "  "}, "TELEGRAM_BOT_TOKEN is not set"),
    ({"TELEGRAM_BOT_TOKEN": "not a token"}, "TELEGRAM_BOT_TOKEN does not look like a bot token"),
    ({**TOKEN, "PLEDGEBOT_QUESTIONS_PER_MINUTE": "lots"},
     "PLEDGEBOT_QUESTIONS_PER_MINUTE must be a whole number from 1 to 1000, not 'lots'."),
    ({**TOKEN, "PLEDGEBOT_WEBHOOK_PORT": "70000"}, "PLEDGEBOT_WEBHOOK_PORT must be a whole number from 1 to 65535"),
    ({**TOKEN, "TELEGRAM_API_BASE_URL": "127.0.0.1:8081"}, "TELEGRAM_API_BASE_URL must start with http://"),
    ({**TOKEN, "PLEDGEBOT_WEBHOOK_URL": "http://insecure"}, "PLEDGEBOT_WEBHOOK_URL must be an https:// URL"),
    ({**TOKEN, "PLEDGEBOT_WEBHOOK_SECRET": "has spaces"}, "PLEDGEBOT_WEBHOOK_SECRET must be 1-256 characters"),
    ({**TOKEN, "PLEDGEBOT_LOG_LEVEL": "loud"}, "PLEDGEBOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR"),
])
def test_bad_values_name_the_setting(env, message):
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert str(caught.value).startswith(message)
    assert "some-token" not in str(caught.value)


def test_every_setting_is_documented_in_the_readme_with_its_default_and_meaning():
    from pathlib import Path

    from bot.tg.settings import ENVIRONMENT

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name, (default, meaning) in ENVIRONMENT.items():
        assert f"| `{name}` | {default} | {meaning} |" in readme, name


def test_the_table_gives_the_defaults_and_the_settings_fields():
    from dataclasses import fields

    from bot.tg.settings import REQUIRED, SETTINGS, Settings

    assert [f.name for f in fields(Settings)] == [s.name for s in SETTINGS]
    settings = load_settings(TOKEN)
    for setting in SETTINGS:
        if setting.default is not REQUIRED:
            assert getattr(settings, setting.name) == setting.default, setting.name
    assert load_settings({**TOKEN, "PLEDGEBOT_SEND_RETRY_SECONDS": "7"}).send_retry_seconds == 7.0
    assert load_settings({**TOKEN, "PLEDGEBOT_ADMIN_IDS": "1, 2,,-3"}).admin_ids == frozenset({1, 2, -3})
    assert "e2e-secret" not in repr(load_settings({**TOKEN, "PLEDGEBOT_WEBHOOK_SECRET": "e2e-secret"}))

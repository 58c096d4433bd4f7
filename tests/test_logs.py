import io
import logging

from bot.logs import setup_logging

TOKEN = "42:very-secret-token"


def test_the_token_never_reaches_the_log_even_in_tracebacks():
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging("INFO", secrets=[TOKEN], stream=stream)
        log = logging.getLogger("test")
        log.info("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"failed calling /bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("boom")
        assert logging.getLogger("httpx").level == logging.WARNING
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    output = stream.getvalue()
    assert "very-secret-token" not in output
    assert "bot[redacted]/getMe" in output
    assert "RuntimeError: failed calling /bot[redacted]/sendMessage" in output

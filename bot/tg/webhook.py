"""The webhook server answers a malformed body with 400, not a 500 and a traceback.

python-telegram-bot's webhook handler parses the body with `json.loads` unguarded, so a
request with the right secret and a body that is not JSON (or not a JSON object) ends in
an uncaught exception: HTTP 500 and a logged traceback. Its handler class is not
configurable, so `reject_malformed_bodies` adds a tornado `prepare` step to it that runs the
library's own content-type and secret checks (403), then checks the body (400), and answers
either refusal itself, without an exception to log.
"""

from __future__ import annotations

import json
from http import HTTPStatus

import tornado.web
from telegram.ext._utils.webhookhandler import TelegramHandler


def _prepare(handler: TelegramHandler) -> None:
    try:
        handler._validate_post()  # 403 for a wrong content type or secret, as before
    except tornado.web.HTTPError as refused:  # answered here: raised, it is logged with a traceback
        handler.set_status(refused.status_code, reason=refused.reason)
        handler.finish()
        return
    try:
        update = json.loads(handler.request.body.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError included
        update = None
    if not isinstance(update, dict):
        handler.set_status(HTTPStatus.BAD_REQUEST, reason="The body is not a JSON object")
        handler.finish()  # tornado then skips post()


def reject_malformed_bodies() -> None:
    """Install the check (once per process; idempotent)."""
    TelegramHandler.prepare = _prepare

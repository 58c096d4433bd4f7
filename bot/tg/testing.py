"""Offline stand-ins for Telegram: a request class that records Bot API calls and answers
them the way Telegram would (or fails them, when told to), and builders for the updates
Telegram sends. Used by the tests and by bench/run.py."""

from __future__ import annotations

import itertools
import json
import time

from telegram import Update
from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "PledgeBot", "username": "PledgeTestBot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}
USER = {"id": 7, "is_bot": False, "first_name": "Ann", "language_code": "en"}
PRIVATE = {"id": 7, "type": "private", "first_name": "Ann"}
GROUP = {"id": -100123, "type": "supergroup", "title": "Readers"}
CHINESE_USER = {"id": 8, "is_bot": False, "first_name": "李", "language_code": "zh-hans"}
CHINESE_CHAT = {"id": 8, "type": "private", "first_name": "李"}


class RecordingRequest(BaseRequest):
    """Records every Bot API call as (method, parameters) and returns a plausible result."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        self.results: list[tuple[str, object]] = []  # what each successful call returned, in order
        self.failures: list[tuple[str, int, dict]] = []  # (method, HTTP status, parameters), in order
        self._ids = itertools.count(1000)

    def fail(self, method: str, status: int, **parameters) -> None:
        """Make the next call of `method` fail as Telegram would: 429 with retry_after, 5xx, 400."""
        self.failures.append((method, status, parameters))

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def do_request(self, url, method, request_data: RequestData | None = None, read_timeout=None,
                         write_timeout=None, connect_timeout=None, pool_timeout=None):
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}  # already plain Python values
        self.calls.append((name, params))
        failure = next((f for f in self.failures if f[0] == name), None)
        if failure is not None:
            self.failures.remove(failure)
            _, status, parameters = failure
            return status, json.dumps({"ok": False, "error_code": status, "description": f"failed ({status})",
                                       "parameters": parameters}).encode()
        result = self.result(name, params)
        self.results.append((name, result))
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def result(self, name: str, params: dict):
        if name == "getMe":
            return BOT_USER
        if name in {"sendMessage", "editMessageText"}:
            chat_id = params.get("chat_id", PRIVATE["id"])
            chat = GROUP if chat_id == GROUP["id"] else PRIVATE
            return {"message_id": params.get("message_id", next(self._ids)), "date": int(time.time()),
                    "chat": chat, "from": BOT_USER, "text": params.get("text", "")}
        if name == "getUpdates":
            return []
        return True

    def sent(self, *methods: str) -> list[dict]:
        methods = methods or ("sendMessage",)
        return [params for name, params in self.calls if name in methods]

    def sent_ids(self) -> list[int]:
        """The message ids Telegram gave the messages the bot sent, in order."""
        return [result["message_id"] for name, result in self.results if name == "sendMessage"]

    def clear(self) -> None:
        self.calls.clear()
        self.results.clear()


_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def _entities(text: str, bot_username: str = BOT_USER["username"]) -> list[dict]:
    found = []
    if text.startswith("/"):
        length = len(text.split()[0])
        found.append({"type": "bot_command", "offset": 0, "length": length})
    mention = f"@{bot_username}"
    at = text.lower().find(mention.lower())
    if at >= 0:
        found.append({"type": "mention", "offset": at, "length": len(mention)})
    return found


def message_update(bot, text: str | None = None, chat: dict = PRIVATE, user: dict = USER,
                   reply_to: dict | None = None, **extra) -> Update:
    message = {"message_id": next(_message_ids), "date": int(time.time()), "chat": chat, "from": user, **extra}
    if text is not None:
        message["text"] = text
        entities = _entities(text)
        if entities:
            message["entities"] = entities
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return Update.de_json({"update_id": next(_update_ids), "message": message}, bot)


def bot_message(text: str = "an earlier answer", chat: dict = PRIVATE, reply_markup: dict | None = None,
                message_id: int | None = None) -> dict:
    message = {"message_id": message_id or next(_message_ids), "date": int(time.time()), "chat": chat,
               "from": BOT_USER, "text": text}
    if reply_markup:
        message["reply_markup"] = reply_markup
    return message


def callback_update(bot, data: str, message: dict | None = None, user: dict = USER) -> Update:
    query = {"id": str(next(_update_ids)), "from": user, "chat_instance": "ci", "data": data,
             "message": message or bot_message()}
    return Update.de_json({"update_id": next(_update_ids), "callback_query": query}, bot)


def inline_update(bot, query: str, user: dict = USER) -> Update:
    inline = {"id": str(next(_update_ids)), "from": user, "query": query, "offset": ""}
    return Update.de_json({"update_id": next(_update_ids), "inline_query": inline}, bot)


def buttons(params: dict) -> list[tuple[str, str]]:
    """(label, callback data) of every button in a sent message's inline keyboard."""
    markup = params.get("reply_markup") or {}
    return [(b["text"], b.get("callback_data")) for row in markup.get("inline_keyboard", []) for b in row]

"""A small fake Telegram Bot API server on 127.0.0.1, for end-to-end tests of `pledgebot run`.

It keeps Telegram's getUpdates contract (an update stays until a later call's offset
confirms it), records every call, and can be told to fail: HTTP 500, 429 with
retry_after, a stalled connection or a dropped one.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import deque

from aiohttp import web

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "PledgeBot", "username": "PledgeTestBot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}
STALL_SECONDS = 15


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeBotApi:
    def __init__(self, token: str):
        self.token = token
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/bot"
        self.calls: list[tuple[str, dict]] = []
        self.faults: deque = deque()
        self.faults_served: list[tuple[str, str]] = []  # (fault, the method it hit)
        self._updates: list[dict] = []
        self._next_update_id = 1
        self._next_message_id = 1
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # notified at every call and fault served
        self._changes = 0
        self._loop = asyncio.new_event_loop()
        self._arrived: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    # -- lifecycle (called from the test thread) ---------------------------------
    def start(self) -> "FakeBotApi":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        asyncio.run_coroutine_threadsafe(self._cancel_pending(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @staticmethod
    async def _cancel_pending() -> None:
        """End requests still held open (a stalled one) so the loop stops cleanly."""
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _start(self) -> None:
        self._arrived = asyncio.Event()
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        # A stalled request must not hold up stopping the server.
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    # -- what the test does --------------------------------------------------------
    def push(self, kind: str, payload: dict) -> int:
        """Queue an update as Telegram would deliver it; returns its update_id."""
        with self._lock:
            update_id = self._next_update_id
            self._next_update_id += 1
            self._updates.append({"update_id": update_id, kind: payload})
        self._loop.call_soon_threadsafe(self._arrived.set)
        return update_id

    def new_message_id(self) -> int:
        with self._lock:
            self._next_message_id += 1
            return self._next_message_id

    def sent(self, method: str = "sendMessage") -> list[dict]:
        with self._lock:
            return [params for name, params in self.calls if name == method]

    def confirmed(self, update_id: int) -> bool:
        """True once the bot asked for updates past this one (it has taken it)."""
        with self._lock:
            return any(name == "getUpdates" and int(params.get("offset", 0)) > update_id
                       for name, params in self.calls)

    def wait_until(self, predicate, timeout: float = 20.0, what: str = "condition"):
        """Return `predicate()` once it is true, re-checking at every Bot API call the bot makes
        (and every 0.1 s, for conditions outside this server); fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                seen = self._changes
            result = predicate()  # outside the lock: it may read this server's state
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting for {what}; calls: {[c[0] for c in self.calls][-15:]}")
            with self._changed:
                self._changed.wait_for(lambda: self._changes != seen, timeout=min(remaining, 0.1))

    def _note_change(self) -> None:  # with self._lock held
        self._changes += 1
        self._changed.notify_all()

    # -- the Bot API ------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        params = await self._params(request)
        fault = self._next_fault(method)
        if fault is not None:
            return await self._fail(request, fault)
        with self._lock:
            self.calls.append((method, params))
            self._note_change()
        if method == "getUpdates":
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        return web.json_response({"ok": True, "result": self._result(method, params)})

    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        params = {}
        for key, value in form.items():
            try:
                params[key] = json.loads(value)
            except (TypeError, ValueError):
                params[key] = value
        return params

    def _next_fault(self, method: str):
        with self._lock:
            if not self.faults:
                return None
            fault = self.faults.popleft()
            self.faults_served.append((fault if isinstance(fault, str) else fault[0], method))
            self._note_change()
            return fault

    async def _fail(self, request: web.Request, fault) -> web.StreamResponse:
        if fault == "500":
            return web.json_response({"ok": False, "error_code": 500, "description": "Internal Server Error"},
                                     status=500)
        if isinstance(fault, tuple) and fault[0] == "429":
            seconds = fault[1]
            return web.json_response({"ok": False, "error_code": 429,
                                      "description": f"Too Many Requests: retry after {seconds}",
                                      "parameters": {"retry_after": seconds}}, status=429)
        if fault == "stall":  # hold the connection open until the client gives up
            await asyncio.sleep(STALL_SECONDS)
            return web.json_response({"ok": False, "error_code": 500, "description": "late"}, status=500)
        if fault == "drop":  # close the connection without a response
            request.transport.close()
            raise asyncio.CancelledError
        raise ValueError(f"unknown fault {fault!r}")

    async def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = self._loop.time() + timeout
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                pending = list(self._updates)
                self._arrived.clear()
            if pending or self._loop.time() >= deadline:
                return pending
            try:
                await asyncio.wait_for(self._arrived.wait(), timeout=max(0.0, deadline - self._loop.time()))
            except asyncio.TimeoutError:
                pass

    def _result(self, method: str, params: dict):
        if method == "getMe":
            return BOT_USER
        if method in {"sendMessage", "editMessageText"}:
            chat_id = params.get("chat_id")
            return {"message_id": params.get("message_id") or self.new_message_id(), "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private" if int(chat_id) > 0 else "supergroup"},
                    "from": BOT_USER, "text": params.get("text", "")}
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True

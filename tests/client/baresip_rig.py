"""Real baresip processes on loopback for the telephony tests (TELEPHONY.md).

`Baresip` writes a config directory, starts ``baresip -f DIR`` in the foreground (its log
goes to DIR/log) and waits until its SIP port (and ctrl_tcp port, when it has one) listens.
Ports are found by binding to port 0. `tone_wav` writes an 8 kHz mono S16 WAV.
"""

from __future__ import annotations

import math
import os
import shutil
import socket
import struct
import subprocess
import time
import wave
from pathlib import Path

MODULES = Path("/usr/lib/baresip/modules")
BARESIP = shutil.which("baresip")


_HANDED_OUT: set[int] = set()
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
_WORKERS = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port free for both TCP and UDP on 127.0.0.1 right now, never the same twice in
    this process (two instances of one test must not be given one port)."""
    for _ in range(50 * _WORKERS):
        with socket.socket(socket.AF_INET, kind) as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port in _HANDED_OUT or (port >> 1) % _WORKERS != _WORKER:
            continue  # under pytest-xdist each worker takes its own class of ports (bind(0)
            # hands out even ports on Linux, so the class is of port // 2)
        other = socket.SOCK_DGRAM if kind == socket.SOCK_STREAM else socket.SOCK_STREAM
        try:
            with socket.socket(socket.AF_INET, other) as s2:
                s2.bind(("127.0.0.1", port))
        except OSError:
            continue
        _HANDED_OUT.add(port)
        return port
    raise RuntimeError("no free port")


def tone_wav(path: Path, seconds: float, hz: float = 440.0) -> Path:
    """An 8 kHz mono 16-bit WAV with a sine tone."""
    rate = 8000
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * hz * i / rate)))
        for i in range(int(seconds * rate))
    )
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return path


class Baresip:
    """One baresip instance (see module docstring)."""

    def __init__(
        self,
        root: Path,
        user: str,
        *,
        source: Path,
        answermode: str | None = None,
        ctrl: bool = False,
        extra: str = "",
        domain: str = "127.0.0.1",
    ) -> None:
        self.dir = root / user
        self.dir.mkdir(parents=True)
        self.user = user
        self.sip_port = free_port(socket.SOCK_DGRAM)
        self.ctrl_port = free_port() if ctrl else None
        lines = [
            f"sip_listen 127.0.0.1:{self.sip_port}",
            f"audio_player aufile,{self.dir / 'out.wav'}",
            f"audio_source aufile,{source}",
            "audio_alert aufile,/dev/null",
            f"module_path {MODULES}",
            "module g711.so",
            "module aufile.so",
            "module account.so",
            "module_app menu.so",
        ]
        if ctrl:
            lines += ["module ctrl_tcp.so", f"ctrl_tcp_listen 127.0.0.1:{self.ctrl_port}"]
        (self.dir / "config").write_text("\n".join(lines) + "\n" + extra)
        params = ";regint=0" + (f";answermode={answermode}" if answermode else "")
        (self.dir / "accounts").write_text(f"<sip:{user}@{domain}>{params}\n")
        assert BARESIP is not None
        self.log = (self.dir / "log").open("wb")
        self.proc = subprocess.Popen(
            [BARESIP, "-f", str(self.dir)],
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    @property
    def uri(self) -> str:
        return f"sip:{self.user}@127.0.0.1:{self.sip_port}"

    @property
    def ctrl_address(self) -> str:
        return f"127.0.0.1:{self.ctrl_port}"

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"baresip exited: {self.log_text()}")
            if "baresip is ready" not in self.log_text():
                pass
            elif self.ctrl_port is None:
                return
            else:
                try:
                    socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=0.2).close()
                    return
                except OSError:
                    pass
            time.sleep(0.05)
        raise RuntimeError(f"baresip did not start: {self.log_text()}")

    def log_text(self) -> str:
        self.log.flush()
        return (self.dir / "log").read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def control(side: Baresip, command: str, params: str = "") -> None:
    """Send one ctrl_tcp command to a baresip instance (the borrower's side of a test)."""
    from app.client.telephony.baresip import NetstringReader, encode

    assert side.ctrl_port is not None
    with socket.create_connection(("127.0.0.1", side.ctrl_port), timeout=5) as sock:
        sock.sendall(encode({"command": command, "params": params, "token": "c"}))
        reader = NetstringReader()
        while True:
            for body in reader.feed(sock.recv(65536)):
                if b'"response"' in body:
                    return


class Rejecter:
    """Watches a borrower-side baresip's ctrl_tcp and hangs up every incoming call while it
    rings: baresip then answers the caller "486 Rejected" (the busy a declined call gives)."""

    def __init__(self, side: Baresip) -> None:
        import json
        import threading

        from app.client.telephony.baresip import NetstringReader, encode

        assert side.ctrl_port is not None
        self.sock = socket.create_connection(("127.0.0.1", side.ctrl_port), timeout=5)
        self.sock.settimeout(None)
        self.rejected = 0

        def loop() -> None:
            reader = NetstringReader()
            try:
                while data := self.sock.recv(65536):
                    for body in reader.feed(data):
                        msg = json.loads(body)
                        if msg.get("type") == "CALL_INCOMING":
                            self.rejected += 1
                            self.sock.sendall(encode({"command": "hangup", "token": "r"}))
            except OSError:
                return

        threading.Thread(target=loop, daemon=True).start()

    def close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()

"""``inventory-gui serve-demo`` in a child process: it serves until Ctrl-C, SIGTERM or
SIGHUP, and a port it cannot bind is one line and status 2."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest

from tests.cli.commands import PYTHON, assert_one_line_error, cli


def _sigint_ignored() -> None:
    # As in a child started with ``cmd &`` by a non-interactive shell.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_serves_the_demo_api_until_a_stop_signal(signum):
    serve = [*PYTHON, "serve-demo", "--port", "0", "--latency-ms", "0"]
    with subprocess.Popen(
        serve, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_sigint_ignored,
    ) as server:  # fmt: skip
        try:
            line = server.stdout.readline()
            template = line.split(" on ", 1)[1].split(" ", 1)[0]
            url = template.replace("{id}", "AB%2F12")
            with urllib.request.urlopen(url, timeout=10) as answer:
                body = json.load(answer)
        finally:
            server.send_signal(signum)
            out, err = server.communicate(timeout=30)
    assert line.startswith("Demo inventory API on http://")
    assert line.endswith("/get-current-inventory/{id} (Ctrl-C to stop)\n")
    assert body["id"] == "AB/12"
    assert isinstance(body["quantity"], int)
    assert server.returncode == 0, err
    assert (out, err) == ("", "")


def test_a_port_in_use_is_one_line_and_status_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = cli("serve-demo", "--host", "127.0.0.1", "--port", port)
    assert_one_line_error(done, "cannot serve on", port)

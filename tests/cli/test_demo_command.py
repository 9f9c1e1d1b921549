"""``inventory-gui serve-demo`` in a child process: it serves until Ctrl-C, and a
port it cannot bind is one line and status 2."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import urllib.request

from tests.cli.commands import PYTHON, assert_one_line_error, cli


def test_serves_the_demo_api_until_ctrl_c():
    serve = [*PYTHON, "serve-demo", "--port", "0", "--latency-ms", "0"]
    with subprocess.Popen(
        serve, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as server:
        try:
            template = server.stdout.readline().split(" on ", 1)[1].split(" ", 1)[0]
            with urllib.request.urlopen(template.replace("{id}", "hgr9d5i"), timeout=10) as answer:
                body = json.load(answer)
        finally:
            server.send_signal(signal.SIGINT)
            _, err = server.communicate(timeout=30)
    assert body["id"] == "hgr9d5i"
    assert isinstance(body["quantity"], int)
    assert server.returncode == 0, err
    assert "Traceback" not in err


def test_a_port_in_use_is_one_line_and_status_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = cli("serve-demo", "--host", "127.0.0.1", "--port", port)
    assert_one_line_error(done, "cannot serve on", port)

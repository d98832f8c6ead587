"""The server never calls outside. It runs in a network namespace whose only way out is a
veth interface whose peer answers nothing, with a name server behind it, as a network that drops
outgoing packets would. A handshake with a foreign Origin and a person's answers must be served, and not
one packet may leave: that interface's transmit counter stays at zero. Streamlit 1.67 looked up the
machine's external address (DNS, then HTTP) at start-up and on every foreign-Origin handshake."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.support.servers import ROOT, SCRIPT, stop

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

PORT = 8501  # inside the namespace nothing else listens


def ip(*args: str) -> str:
    return subprocess.run(["ip", *args], check=True, capture_output=True, text=True, timeout=30).stdout


@pytest.fixture
def namespace():
    name = f"qn{uuid.uuid4().hex[:8]}"
    etc = Path("/etc/netns") / name
    ip("netns", "add", name)
    try:
        # No IPv6: its automatic router and neighbour solicitations would be packets the app did not send.
        for option in ("all", "default"):
            subprocess.run(
                ["ip", "netns", "exec", name, "sysctl", "-qw", f"net.ipv6.conf.{option}.disable_ipv6=1"],
                check=True,
                timeout=30,
            )
        ip("-n", name, "link", "set", "lo", "up")
        # A way out that goes nowhere: out0's peer has no address, so nothing answers and nothing returns.
        ip("-n", name, "link", "add", "out0", "type", "veth", "peer", "name", "void0")
        ip("-n", name, "addr", "add", "10.250.0.1/24", "dev", "out0")
        ip("-n", name, "link", "set", "void0", "up")
        ip("-n", name, "link", "set", "out0", "up")
        ip("-n", name, "route", "add", "default", "via", "10.250.0.2", "dev", "out0")
        etc.mkdir(parents=True)
        (etc / "resolv.conf").write_text("nameserver 10.250.0.53\noptions timeout:5 attempts:2\n", encoding="utf-8")
        yield name
    finally:
        shutil.rmtree(etc, ignore_errors=True)
        subprocess.run(["ip", "netns", "delete", name], check=False, timeout=30)


def in_namespace(name: str, *python_args: str) -> list[str]:
    """The command that runs this Python with `python_args` inside the network namespace `name`."""
    return ["ip", "netns", "exec", name, sys.executable, *python_args]


def sent(name: str) -> int:
    [link] = json.loads(ip("-n", name, "-s", "-j", "link", "show", "out0"))
    return link["stats64"]["tx"]["packets"]


def test_a_foreign_origin_and_a_person_are_served_with_no_packet_leaving(namespace, tmp_path):
    assert sent(namespace) == 0
    env = {**os.environ, "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    server = subprocess.Popen(
        in_namespace(namespace, "-m", "streamlit", "run", SCRIPT, f"--server.port={PORT}"),
        cwd=ROOT,
        env=env,
        stdout=(tmp_path / "server.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        client = subprocess.run(
            in_namespace(namespace, "-m", "tests.privacy.netns_client", f"http://127.0.0.1:{PORT}"),
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
    finally:
        stop(server)
    log = (tmp_path / "server.log").read_text(errors="replace")
    assert client.returncode == 0, f"{client.stderr}\n{log}"
    report = json.loads(client.stdout.strip().splitlines()[-1])
    print(f"\nin a namespace with no way out: {report}")
    assert report["person_ok"], log
    assert report["foreign_origin"] != "timeout"
    assert sent(namespace) == 0, f"the server tried to reach outside ({sent(namespace)} packets)\n{log}"
    assert "Did not auto detect external IP" not in log

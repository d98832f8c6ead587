"""The ways of serving read one configuration: every Kubernetes object and compose.yaml validate against their
schemas (kubernetes-validate's, offline; the compose-spec schema that check-jsonschema carries, since no Docker
engine runs here to ask `docker compose config`), and they name config.toml's port and Streamlit's health path
without restating any of config.toml's settings."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from deploy.health import PATH as HEALTH
from tests.support.servers import ROOT

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
PORT = CONFIG["server"]["port"]
KUBERNETES = "1.37.0"
MANIFESTS = sorted((ROOT / "deploy" / "kubernetes").glob("*.yaml"))
SERVING = [
    ROOT / "Dockerfile",
    ROOT / "compose.yaml",
    ROOT / "Makefile",
    ROOT / "deploy" / "supervisord.conf",
    *MANIFESTS,
]


def objects() -> dict[str, dict]:
    found = {}
    for path in MANIFESTS:
        for obj in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            found[obj["kind"]] = obj
    return found


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def check_compose(path: Path) -> subprocess.CompletedProcess:
    checker = Path(sys.executable).with_name("check-jsonschema")
    command = [str(checker), "--builtin-schema", "vendor.compose-spec", str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("kind", ["Deployment", "Service", "Ingress"])
def test_every_kubernetes_object_validates_strictly(kind):
    kubernetes_validate.validate(objects()[kind], KUBERNETES, strict=True)


def test_the_kubernetes_check_rejects_a_broken_object():
    deployment = objects()["Deployment"]
    deployment["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "http"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES, strict=True)
    unknown = {**objects()["Service"], "spex": {}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(unknown, KUBERNETES, strict=True)


def test_compose_validates_against_the_compose_spec(tmp_path):
    done = check_compose(ROOT / "compose.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    broken = compose()
    broken["services"]["app"]["healthcheck"]["intervall"] = "10s"  # a misspelt key
    (tmp_path / "compose.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert check_compose(tmp_path / "compose.yaml").returncode != 0


def test_kubernetes_probes_and_serves_config_tomls_port_and_streamlits_health_path():
    deployment, service = objects()["Deployment"], objects()["Service"]
    pod = deployment["spec"]["template"]["spec"]
    [container] = pod["containers"]
    [port] = container["ports"]
    assert port["containerPort"] == PORT
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": HEALTH, "port": port["name"]}
    assert service["spec"]["ports"][0]["targetPort"] == port["name"]
    assert service["spec"]["selector"] == deployment["spec"]["template"]["metadata"]["labels"]
    assert container["resources"]["requests"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert f"--uid {pod['securityContext']['runAsUser']} " in dockerfile  # the image's own user
    [secret] = [e for e in container["env"] if e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET"]
    assert "secretKeyRef" in secret["valueFrom"]


def test_the_ingress_is_sticky_by_the_same_cookie_with_long_websocket_timeouts_as_nginx_on_one_host():
    site = (ROOT / "deploy" / "nginx" / "site.conf.template").read_text(encoding="utf-8")
    notes = objects()["Ingress"]["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert f"$cookie_{notes['nginx.ingress.kubernetes.io/session-cookie-name']}" in site
    assert "proxy_read_timeout 1d;" in site
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(notes[f"nginx.ingress.kubernetes.io/{timeout}"]) == 24 * 3600
    body = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    assert notes["nginx.ingress.kubernetes.io/proxy-body-size"] == f"{body}m"
    assert body > CONFIG["server"]["maxUploadSize"]


def test_compose_runs_the_dockerfiles_image_behind_the_same_nginx_config():
    services = compose()["services"]
    app, nginx = services["app"], services["nginx"]
    assert app["build"] == "." and app["deploy"]["replicas"] >= 2 and app["restart"]
    assert app["healthcheck"]["test"] == ["CMD", "python", "-m", "deploy.health"]
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in app["environment"]
    assert f"app:{PORT} " in nginx["environment"]["APP_SERVERS"]
    [template] = nginx["volumes"]
    assert template.startswith("./deploy/nginx/site.conf.template:/etc/nginx/templates/")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "HEALTHCHECK" in dockerfile and '["python", "-m", "deploy.health"]' in dockerfile


def test_no_way_of_serving_restates_a_setting_of_config_toml():
    """Each setting only in config.toml: neither as a flag (`--server.port`) nor as a variable
    (STREAMLIT_SERVER_PORT) anywhere else, but the one a container changes, its listening address."""
    allowed = {("Dockerfile", "STREAMLIT_SERVER_ADDRESS")}
    for section, values in CONFIG.items():
        for key in values:
            flag = f"--{section}.{key}"
            variable = "STREAMLIT_" + re.sub(r"(?<!^)(?=[A-Z])", "_", f"{section}_{key}").upper()
            for path in SERVING:
                text = path.read_text(encoding="utf-8")
                # A flag may pass a variable on (`make run PORT=...`, a replica's port), never a value.
                assert not re.search(rf"{re.escape(flag)}[= ](?![$%])", text), f"{path.name} restates {flag}"
                if (path.name, variable) not in allowed:
                    assert variable not in text, f"{path.name} restates {variable}"
    assert "--server.port=%(process_num)d" in (ROOT / "deploy" / "supervisord.conf").read_text(encoding="utf-8")

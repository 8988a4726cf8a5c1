"""Load deploy/z2jh/config.yaml through the chart's own hub configuration, with the hub image's
packages, and report every option no class recognises.

Run with the Python of the environment `make z2jh-hub-env` builds (.venv-z2jh-hub: the hub
image's versions of chart 4.4.0, tests/data/z2jh/hub-image-requirements.txt):

    .venv-z2jh-hub/bin/python hub_check.py VALUES.yaml tests/data/z2jh/chart-hub

VALUES.yaml: config.yaml with placeholders filled, merged over the chart's values.yaml.
CHART_HUB_FILES_DIR: the chart's files/hub/ (jupyterhub_config.py, z2jh.py) of the same tag.
Prints one JSON object: {"errors": [...], "sections": {...}}; exit status 0 even with errors.
"""

import asyncio
import json
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

import yaml


def main(values_path: str, chart_hub_dir: str) -> None:
    values = yaml.safe_load(Path(values_path).read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="z2jh-hub-"))
    etc = work / "etc"
    (etc / "config").mkdir(parents=True)
    (etc / "secret").mkdir()
    # What the chart's ConfigMap and Secret mount in the hub pod (templates/hub/configmap.yaml,
    # secret.yaml): resource names, the whole values, one api token per service.
    for short in ("hub", "proxy-api", "proxy-public", "singleuser", "image-pull-secret",
                  "user-scheduler", "priority", "proxy-http", "hub-existing-secret"):
        (etc / "config" / short).write_text(short)
    (etc / "secret" / "values.yaml").write_text(yaml.safe_dump(values))
    # Secrets the chart generates at install (templates/hub/secret.yaml).
    for key in ("hub.config.JupyterHub.cookie_secret", "hub.config.CryptKeeper.keys",
                "hub.config.ConfigurableHTTPProxy.auth_token"):
        (etc / "secret" / key).write_text("0" * 64)
    for key, service in values["hub"].get("services", {}).items():
        token = service.get("api_token") or service.get("apiToken") or "generated"
        (etc / "secret" / f"hub.services.{key}.apiToken").write_text(token)
    # kubespawner loads a client configuration at construction; no request is ever sent.
    (work / "kubeconfig").write_text(yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config", "current-context": "none",
        "clusters": [{"name": "none", "cluster": {"server": "https://127.0.0.1:9"}}],
        "contexts": [{"name": "none", "context": {"cluster": "none", "user": "none"}}],
        "users": [{"name": "none", "user": {"token": "none"}}],
    }))
    os.environ["KUBECONFIG"] = str(work / "kubeconfig")
    os.environ.update(HUB_SERVICE_PORT="8081", PROXY_API_SERVICE_PORT="8001",
                      PROXY_PUBLIC_SERVICE_PORT="80", POD_NAMESPACE="prospection")

    chart = Path(chart_hub_dir)
    z2jh = (chart / "z2jh.py").read_text().replace("/usr/local/etc/jupyterhub", str(etc))
    (work / "z2jh.py").write_text(z2jh)
    config_py = (chart / "jupyterhub_config.py").read_text()
    # The curl HTTP client (pycurl) is irrelevant to configuration checking.
    config_py = re.sub(r"^AsyncHTTPClient\.configure\(.*\)$", "", config_py, flags=re.M)
    (work / "jupyterhub_config.py").write_text(config_py)

    from jupyterhub.app import JupyterHub
    from jupyterhub.services.service import Service
    from traitlets.config import Configurable

    app = JupyterHub()
    app.load_config_file(str(work / "jupyterhub_config.py"))
    c = app.config

    errors = []
    messages = []

    class Collect(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler = Collect()

    classes = {"JupyterHub": JupyterHub}
    # Entry-point names ("generic-oauth") resolved by JupyterHub's own trait types.
    authenticator = app.authenticator_class
    spawner = app.spawner_class
    for klass in (authenticator, spawner):
        for base in klass.mro():
            if isinstance(base, type) and issubclass(base, Configurable):
                classes.setdefault(base.__name__, base)
    from jupyterhub.proxy import ConfigurableHTTPProxy
    from jupyterhub.crypto import CryptKeeper
    classes.update(ConfigurableHTTPProxy=ConfigurableHTTPProxy, CryptKeeper=CryptKeeper)

    sections = {}
    for section, cfg in c.items():
        if not section[:1].isupper():
            continue
        klass = classes.get(section)
        if klass is None:
            errors.append(f"section {section}: no class of the hub image by that name")
            continue
        known = set(klass.class_traits(config=True))
        sections[section] = sorted(cfg)
        for key in cfg:
            if key not in known:
                errors.append(f"{section}.{key}: not an option of {klass.__module__}.{section}")

    # Instantiating the authenticator runs its validators (and traitlets' own warnings).
    logger = logging.getLogger("hub-check")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        from jupyterhub import orm

        # An empty in-memory hub database (NativeAuthenticator adds its table at start).
        db = orm.new_session_factory("sqlite://")()
        authenticator(config=c, log=logger, _deprecated_db_session=db)
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        errors.append(f"{authenticator.__name__}: {type(exc).__name__}: {exc}")
    errors += [f"{authenticator.__name__}: {m}" for m in messages if "not recognized" in m]

    service_fields = set(Service.class_traits())
    for spec in c.JupyterHub.services:
        for key in spec:
            if key not in service_fields:
                errors.append(f"service {spec.get('name')}: no such service field {key}")

    from jupyterhub.scopes import _check_scopes_exist
    for role in c.JupyterHub.load_roles:
        try:
            _check_scopes_exist(role.get("scopes", []), who_for=f"role {role['name']}")
        except Exception as exc:  # noqa: BLE001
            errors.append(f"role {role['name']}: {exc}")

    # A learner's and a teacher's pod, as the real KubeSpawner of the image builds them after the
    # pre_spawn_hook of hub.extraConfig (no cluster: kubespawner's own mock mode).
    pods = {}
    for group in ("prospection-eleves", "prospection-profs"):
        try:
            pods[group] = asyncio.run(pod_of(spawner, c, group))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"pod for group {group}: {type(exc).__name__}: {exc}")

    print(json.dumps({"errors": errors, "sections": sections, "pods": pods,
                      "authenticator": authenticator.__name__}))


async def pod_of(spawner_class, config, group: str) -> dict:
    from types import SimpleNamespace

    user = SimpleNamespace(
        name="eleve1" if group.endswith("eleves") else "mdupont", id=1, url="/user/x/",
        groups=[SimpleNamespace(name=group)], escaped_name="x", admin=False,
    )
    user.url = f"/user/{user.name}/"
    hub = SimpleNamespace(public_host="", url="http://hub:8081/hub/", base_url="/hub/",
                          api_url="http://hub:8081/hub/api")
    spawner = spawner_class(_mock=True, config=config, user=user, hub=hub)
    spawner.api_token = "t"
    spawner.oauth_client_id = "jupyterhub-user-x"
    spawner.run_pre_spawn_hook()
    manifest = await spawner.get_pod_manifest()
    container = manifest.spec.containers[0]
    return {
        "image": container.image,
        "memory_limit": container.resources.limits.get("memory"),
        "cpu_limit": container.resources.limits.get("cpu"),
        "env": {e.name: e.value for e in container.env if e.value is not None},
        "mounts": sorted(m.mount_path for m in container.volume_mounts),
    }


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""Checks of the Zero to JupyterHub configuration in deploy/z2jh/ (no Kubernetes needed).

What a teacher would hit on day one, checked here as far as this machine allows:

- config.yaml, with its ``<…>`` placeholders filled as a teacher would, merged over the chart's
  defaults the way Helm merges values, is valid against the official values schema of the
  pinned chart version (vendored in tests/data/z2jh/, BSD-3, see the licence files there), plus
  the run-time checks the chart itself makes (hub.config section names, extraFiles entries);
- the Python of ``hub.extraConfig`` compiles and its pre_spawn_hook gives the teacher image to
  the teacher group only;
- the nbgrader configuration written into learner pods (singleuser.extraFiles) is valid Python,
  sets real nbgrader options, and points at the ngshare service the guide installs;
- the chart's own hub configuration (files/hub/jupyterhub_config.py of the same tag) loads it
  in an environment with the hub image's exact packages (`make z2jh-hub-env`): every hub.config
  option is an option of the real authenticator/spawner classes, every service field exists,
  every role scope exists, and the real KubeSpawner, after the pre_spawn_hook, builds the
  learner's and the teacher's pods with the right image, limits and nbgrader configuration;
- the same for the variant without ENT (config.yaml + sans-ent.yaml, NativeAuthenticator);
- the learners' nbgrader configuration runs with the real ngshare_exchange (the images' version)
  and nbgrader 0.9.6: every exchange step is ngshare's, on the right URL;
- ngshare.yaml only sets keys of the ngshare chart and shares its token with config.yaml;
- the learner pods may reach ngshare despite the chart's default network policy;
- both Dockerfiles COPY only paths of the repository, install the pinned requirement files,
  run the chart's hub version of jupyterhub, install ngshare_exchange without its stale pin; the
  learner image never installs the teacher package ``grader``, and its `jupyter … disable/lock`
  commands, replayed here, really turn off nbgrader's teacher tools.

The checks that need `make z2jh-hub-env` (the hub image's packages, ngshare_exchange) are
skipped without it; `make test` builds it.
"""

from __future__ import annotations

import copy
import re
import shlex
import sys
import types
from pathlib import Path

import jsonschema
import pytest
import yaml
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
Z2JH = ROOT / "deploy" / "z2jh"
DATA = Path(__file__).resolve().parent / "data" / "z2jh"
GUIDE = ROOT / "docs" / "serveur.md"

CHART_VERSION = "4.4.0"  # the version of tests/data/z2jh/values.schema.yaml
TEACHER_GROUP = "prospection-profs"
LEARNER_GROUP = "prospection-eleves"

# What a teacher writes in place of each placeholder. Every placeholder of the files must be here:
# a new one without a sample value fails `test_every_placeholder_has_a_sample`.
SAMPLES = {
    "jupyter.lycee.example": "jupyter.lycee-exemple.fr",
    "admin@lycee.example": "admin@lycee-exemple.fr",
    "identifiant-client-ent": "prospection-hub",
    "secret-client-ent": "s3cr3t-client",
    "https://ent.example/oidc/authorize": "https://ent.exemple.fr/oidc/authorize",
    "https://ent.example/oidc/token": "https://ent.exemple.fr/oidc/token",
    "https://ent.example/oidc/userinfo": "https://ent.exemple.fr/oidc/userinfo",
    "jeton-ngshare": "0f3c9a1be57d4e2a8c6b0d9e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c",
    "espace-de-noms": "prospection",
    "registre": "registre.lycee-exemple.fr/cours",
    "identifiant-admin": "mdupont",
}
# `<adresse du hub>` (with spaces) is prose in a comment, not a value: not matched.
PLACEHOLDER = re.compile(r"<([^<>\s…][^<>\s]*)>")


def fill(text: str) -> str:
    """The file as a teacher would have edited it: every `<…>` replaced by a sample value."""
    return PLACEHOLDER.sub(lambda m: SAMPLES[m.group(1)], text)


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def helm_merge(defaults: dict, override: dict) -> dict:
    """Helm's coalescing of user values over chart defaults: maps merge recursively, anything
    else (lists included) is replaced, and a null removes the default key."""
    merged = copy.deepcopy(defaults)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def schema_errors(values: dict) -> list[str]:
    schema = load_yaml(DATA / "values.schema.yaml")
    validator = jsonschema.Draft7Validator(schema)
    return sorted(
        f"{'.'.join(str(p) for p in error.absolute_path) or '(racine)'}: {error.message}"
        for error in validator.iter_errors(values)
    )


def chart_runtime_errors(values: dict) -> list[str]:
    """The checks the chart makes when it renders or when the hub starts, outside the schema:
    jupyterhub/templates/_helpers.tpl (extraFiles) and files/hub/jupyterhub_config.py
    (hub.config section names), at tag 4.4.0."""
    errors = []
    for section in values["hub"].get("config", {}):
        if not section[:1].isupper():
            errors.append(f"hub.config.{section}: not a Configurable class name")
    for where in ("hub", "singleuser"):
        for key, entry in values[where].get("extraFiles", {}).items():
            if "mountPath" not in entry:
                errors.append(f"{where}.extraFiles.{key}: no mountPath")
            if sum(k in entry for k in ("data", "stringData", "binaryData")) != 1:
                errors.append(f"{where}.extraFiles.{key}: needs exactly one of data/stringData/binaryData")
            if "data" in entry and not entry["mountPath"].endswith((".yaml", ".yml", ".json", ".toml")):
                errors.append(f"{where}.extraFiles.{key}: data needs a .yaml/.yml/.json/.toml mountPath")
    return errors


def all_errors(config_text: str, *overlays: str) -> list[str]:
    values = merged_config(config_text, *overlays)
    return schema_errors(values) + chart_runtime_errors(values)


def merged_config(text: str, *overlays: str) -> dict:
    """`helm upgrade -f config.yaml -f overlay.yaml …` over the chart's defaults."""
    user = yaml.safe_load(fill(text))
    for overlay in overlays:
        user = helm_merge(user, yaml.safe_load(fill(overlay)))
    return helm_merge(load_yaml(DATA / "values.yaml"), user)


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(fill((Z2JH / "config.yaml").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def ngshare() -> dict:
    return yaml.safe_load(fill((Z2JH / "ngshare.yaml").read_text(encoding="utf-8")))


# --- The chart version and the vendored schema --------------------------------------------


def test_vendored_schema_is_the_pinned_chart_version():
    schema_head = (DATA / "values.schema.yaml").read_text(encoding="utf-8")[:400]
    defaults_head = (DATA / "values.yaml").read_text(encoding="utf-8")[:400]
    assert f"tag {CHART_VERSION}" in schema_head and f"tag {CHART_VERSION}" in defaults_head
    for licence in ("LICENSE-zero-to-jupyterhub-k8s", "LICENSE-ngshare"):  # both BSD 3-Clause
        text = (DATA / licence).read_text(encoding="utf-8")
        assert "Redistribution and use" in text and "Neither the name" in text
    # config.yaml and the guide name the same chart version as the schema.
    assert f"jupyterhub/jupyterhub {CHART_VERSION}" in (Z2JH / "config.yaml").read_text(encoding="utf-8")
    assert f"--version {CHART_VERSION}" in GUIDE.read_text(encoding="utf-8")


def test_every_placeholder_has_a_sample():
    files = [Z2JH / "config.yaml", Z2JH / "ngshare.yaml", Z2JH / "sans-ent.yaml"]
    found = {m for f in files for m in PLACEHOLDER.findall(f.read_text(encoding="utf-8"))}
    assert found, "no <…> placeholder found: the regular expression no longer matches"
    assert found <= SAMPLES.keys(), f"placeholders without a sample value: {found - SAMPLES.keys()}"
    for f in files:
        assert not PLACEHOLDER.search(fill(f.read_text(encoding="utf-8")))


# --- config.yaml against the official schema --------------------------------------------


def test_config_is_valid_against_the_chart_schema():
    assert all_errors((Z2JH / "config.yaml").read_text(encoding="utf-8")) == []


def test_config_without_ent_is_valid_against_the_chart_schema():
    config = (Z2JH / "config.yaml").read_text(encoding="utf-8")
    overlay = (Z2JH / "sans-ent.yaml").read_text(encoding="utf-8")
    assert all_errors(config, overlay) == []
    hub_config = merged_config(config, overlay)["hub"]["config"]
    assert "GenericOAuthenticator" not in hub_config  # the ENT section is gone, not left over
    assert hub_config["JupyterHub"]["load_groups"][TEACHER_GROUP]["users"]


@pytest.mark.parametrize(
    ("mistake", "replacement", "expected"),
    [
        # A misspelled key (the schema forbids unknown keys under singleuser).
        ("  defaultUrl: /lab", "  defaultURL: /lab", "singleuser: Additional properties"),
        # A misspelled section of the chart.
        ("\ncull:\n", "\ncul:\n", "(racine): Additional properties"),
        # A wrong type: the culling timeout must be an integer.
        ("  timeout: 3600", '  timeout: "une heure"', "cull.timeout"),
        # A teacher putting hub.loadRoles under hub.config (the chart exits at start).
        ("  loadRoles:\n", "  config_:\n", "hub: Additional properties"),
        # extraFiles with two contents.
        ("      stringData: |\n", "      data: {}\n      stringData: |\n", "extraFiles.nbgrader-config"),
    ],
)
def test_seeded_mistakes_are_caught(mistake, replacement, expected):
    text = (Z2JH / "config.yaml").read_text(encoding="utf-8")
    assert text.count(mistake) == 1, f"seed not found once: {mistake!r}"
    errors = all_errors(text.replace(mistake, replacement))
    assert any(expected in e for e in errors), errors


def test_hub_config_section_names_are_checked():
    """The chart's start-up rule on hub.config section names (outside the schema)."""
    text = (Z2JH / "config.yaml").read_text(encoding="utf-8")
    seeded = text.replace("    GenericOAuthenticator:\n", "    genericOAuthenticator:\n")
    assert seeded != text
    assert any("hub.config.genericOAuthenticator" in e for e in all_errors(seeded))


# --- hub.extraConfig: the pre_spawn_hook -------------------------------------------------


class FakeGroup:
    def __init__(self, name):
        self.name = name


class FakeSpawner:
    def __init__(self, groups, image):
        self.user = types.SimpleNamespace(name="x", groups=[FakeGroup(g) for g in groups])
        self.image = image


def test_extra_config_chooses_the_teacher_image(config):
    snippets = config["hub"]["extraConfig"]
    assert snippets, "hub.extraConfig is empty"
    learner_image = f"{config['singleuser']['image']['name']}:{config['singleuser']['image']['tag']}"
    registry = SAMPLES["registre"]
    c = Config()
    for name, source in sorted(snippets.items()):
        code = compile(source, f"hub.extraConfig.{name}", "exec")
        exec(code, {"c": c})  # the chart runs them the same way, with `c` in scope
    hook = c.KubeSpawner.pre_spawn_hook
    assert callable(hook)

    teacher = FakeSpawner([TEACHER_GROUP], learner_image)
    hook(teacher)
    assert teacher.image.startswith(registry + "/prospection-prof:")
    # Same release tag for both images (built together from one checkout).
    assert teacher.image.rsplit(":", 1)[1] == config["singleuser"]["image"]["tag"]

    for groups in ([LEARNER_GROUP], [], ["autre-groupe"]):
        learner = FakeSpawner(groups, learner_image)
        hook(learner)
        assert learner.image == learner_image, groups


def test_groups_of_the_hook_are_the_authenticator_groups(config):
    """The hook's teacher group is a group the hub lets in and makes admin."""
    oauth = config["hub"]["config"]["GenericOAuthenticator"]
    assert TEACHER_GROUP in oauth["allowed_groups"] and LEARNER_GROUP in oauth["allowed_groups"]
    assert oauth["admin_groups"] == [TEACHER_GROUP]
    assert f'"{TEACHER_GROUP}"' in config["hub"]["extraConfig"]["prospection.py"]
    # An OpenID Connect userinfo endpoint answers only with the `openid` scope.
    assert "openid" in oauth["scope"]


# --- singleuser.extraFiles: nbgrader's configuration in learner pods ---------------------


def test_learner_nbgrader_config_is_valid_python(config, monkeypatch):
    files = config["singleuser"]["extraFiles"]
    entry = files["nbgrader-config"]
    assert entry["mountPath"] == "/etc/jupyter/nbgrader_config.py"
    source = entry["stringData"]
    code = compile(source, "nbgrader_config.py", "exec")

    calls = []
    fake = types.ModuleType("ngshare_exchange")
    fake.configureExchange = lambda c, url=None: calls.append(url)
    monkeypatch.setitem(sys.modules, "ngshare_exchange", fake)
    c = Config()
    exec(code, {"get_config": lambda: c})

    service = config["hub"]["services"]["ngshare"]
    assert calls == [service["url"] + "/services/ngshare"]
    assert c.CourseDirectory.course_id == "*"
    # Every option the file sets directly is a real option of nbgrader 0.9.6.
    from nbgrader.coursedir import CourseDirectory

    assert set(c.CourseDirectory) <= set(CourseDirectory.class_traits(config=True))


# --- ngshare ------------------------------------------------------------------------------


def test_ngshare_values_are_keys_of_the_ngshare_chart(ngshare):
    defaults = load_yaml(DATA / "ngshare-values.yaml")

    def unknown(values, reference, prefix=""):
        for key, value in values.items():
            if key not in reference:
                yield prefix + key
            elif isinstance(reference[key], dict) and reference[key] and isinstance(value, dict):
                yield from unknown(value, reference[key], prefix + key + ".")

    assert list(unknown(ngshare, defaults)) == []
    assert ngshare["ngshare"]["admins"], "without an admin nobody can create a course"


def test_ngshare_token_and_url_match_the_hub(config, ngshare):
    raw_config = (Z2JH / "config.yaml").read_text(encoding="utf-8")
    raw_ngshare = (Z2JH / "ngshare.yaml").read_text(encoding="utf-8")
    token_placeholder = re.search(r"api_token:\s*(<[^>]+>)", raw_config).group(1)
    assert re.search(r"hub_api_token:\s*" + re.escape(token_placeholder), raw_ngshare)
    service = config["hub"]["services"]["ngshare"]
    assert ngshare["ngshare"]["hub_api_token"] == service["api_token"]

    # The service URL is the one the ngshare chart creates: release `ngshare` (the guide's
    # `helm install ngshare …`), port deployment.port, in the hub's namespace.
    defaults = load_yaml(DATA / "ngshare-values.yaml")
    port = ngshare.get("deployment", {}).get("port", defaults["deployment"]["port"])
    namespace = SAMPLES["espace-de-noms"]
    assert service["url"] == f"http://ngshare.{namespace}.svc.cluster.local:{port}"
    assert "helm install ngshare ngshare/ngshare" in GUIDE.read_text(encoding="utf-8")
    # The ngshare chart (templates/NOTES.txt) registers its service without a consent page.
    assert service.get("oauth_no_confirm") is True
    # The ngshare chart reaches the hub API at http://hub:8081, i.e. in the same namespace.
    assert "hub_api_url" not in ngshare.get("ngshare", {})


def test_learner_pods_may_reach_ngshare(config):
    """The chart's default network policy forbids learner pods any private IP
    (singleuser.networkPolicy.egressAllowRules.privateIPs: false); ngshare is one."""
    defaults = load_yaml(DATA / "values.yaml")
    values = helm_merge(defaults, config)
    policy = values["singleuser"]["networkPolicy"]
    assert policy["enabled"] is True
    if policy["egressAllowRules"]["privateIPs"]:
        return
    ngshare_labels = {"app.kubernetes.io/name": "ngshare"}
    port = load_yaml(DATA / "ngshare-values.yaml")["deployment"]["port"]
    allowed = [
        rule
        for rule in policy.get("egress", [])
        if any(to.get("podSelector", {}).get("matchLabels") == ngshare_labels for to in rule.get("to", []))
        and {"port": port} in rule.get("ports", [])
    ]
    assert allowed, "no egress rule lets learner pods reach the ngshare pod"


# --- Dockerfiles --------------------------------------------------------------------------


def dockerfile_lines(name: str) -> list[str]:
    """Instructions with continuation lines joined, comments dropped."""
    text = (Z2JH / name).read_text(encoding="utf-8")
    text = re.sub(r"\\\n", " ", text)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def copy_sources(lines: list[str]) -> list[str]:
    sources = []
    for line in lines:
        if line.upper().startswith("COPY "):
            words = [w for w in shlex.split(line)[1:] if not w.startswith("--")]
            sources += words[:-1]
    return sources


def run_commands(lines: list[str]) -> list[list[str]]:
    """Every simple command of the RUN instructions, as words."""
    commands = []
    for line in lines:
        if line.upper().startswith("RUN "):
            command: list[str] = []
            for word in shlex.split(line[4:]) + ["&&"]:
                if word in {"&&", "||", "|", ";"} or word.endswith(";"):
                    while command[:1] and command[0] in {"then", "else", "do"}:
                        command.pop(0)
                    if command:
                        commands.append(command)
                    command = []
                else:
                    command.append(word)
    return commands


def pip_installs(lines: list[str]) -> list[list[str]]:
    return [command[2:] for command in run_commands(lines) if command[:2] == ["pip", "install"]]


@pytest.mark.parametrize("name", ["Dockerfile.eleve", "Dockerfile.prof"])
def test_dockerfile_copies_existing_paths_and_pinned_requirements(name):
    lines = dockerfile_lines(name)
    sources = copy_sources(lines)
    assert sources, f"{name}: no COPY"
    for source in sources:
        assert (ROOT / source).exists(), f"{name}: COPY {source} does not exist in the repository"
    text = " ".join(lines)
    assert "requirements.lock" in text and (ROOT / "requirements.lock").is_file()
    installs = pip_installs(lines)
    assert installs, f"{name}: no pip install"
    # Every -c / -r file is a file of the repository (by its path, or by its name once COPY'd).
    copied = {Path(source).name: source for source in sources}
    files = [args[i + 1] for args in installs for i, w in enumerate(args[:-1]) if w in {"-c", "-r"}]
    assert files, f"{name}: installs without constraints"
    written = set(re.findall(r">\s*(\S+)", text))  # e.g. the lock without one pin, by grep -v
    for file in files:
        assert (ROOT / file).is_file() or Path(file).name in copied or file in written, (
            f"{name}: {file} not in the repository")
    # The images' jupyterhub (jupyterhub-singleuser) is the chart's hub version.
    assert any(Path(f).name == "contraintes-image.txt" for f in files), f"{name}: jupyterhub not pinned"
    # Every PyPI package named on a pip command line is pinned.
    for args in installs:
        for word in args:
            if re.fullmatch(r"[A-Za-z][\w.-]*(\[.*\])?(==.*)?", word) and "/" not in word:
                assert "==" in word or word in {"jupyterhub"}, f"{name}: {word} is not pinned"


@pytest.mark.parametrize("name", ["Dockerfile.eleve", "Dockerfile.prof"])
def test_ngshare_exchange_is_installed_without_its_stale_pin(name):
    """ngshare_exchange 0.5.3 (the last release) declares jupyter-core<4.11.2, which the
    pinned jupyter_core 5 of requirements.lock contradicts: `pip install` with the lock as
    constraints stops with ResolutionImpossible. It runs with nbgrader 0.9.6 and jupyter_core 5
    (test_learner_nbgrader_config_runs_with_the_real_ngshare_exchange), and its imports
    (nbgrader, requests, rapidfuzz, traitlets, jupyter_core) are all in the lock: it must be
    installed alone with --no-deps."""
    installs = pip_installs(dockerfile_lines(name))
    with_ngshare = [args for args in installs if any(w.startswith("ngshare_exchange") for w in args)]
    assert with_ngshare, f"{name}: ngshare_exchange not installed"
    for args in with_ngshare:
        assert "--no-deps" in args, f"{name}: ngshare_exchange installed with its dependencies"
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower().replace("-", "_")
    for dependency in ("nbgrader==", "requests==", "rapidfuzz==", "traitlets==", "jupyter_core=="):
        assert dependency in lock, dependency


def test_images_run_the_hub_version_of_the_chart():
    """jupyterhub-singleuser in the pods matches the chart's hub (images/hub/requirements.txt
    of 4.4.0), not the school server's pin (deploy/requirements-hub.txt)."""
    def pin(path: Path) -> str:
        return re.search(r"^jupyterhub==(\S+)$", path.read_text(encoding="utf-8"), re.M).group(1)

    assert pin(Z2JH / "contraintes-image.txt") == pin(DATA / "hub-image-requirements.txt")


def test_learner_image_never_installs_the_teacher_package():
    lines = dockerfile_lines("Dockerfile.eleve")
    for args in pip_installs(lines):
        for word in args:
            assert not re.search(r"(^|/)grader/?$", word), f"learner image installs {word}"
    # The root project it installs packs the learner part only.
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'include\s*=\s*\["prospection\*"\]', pyproject)
    # The teacher image does install it.
    teacher = [w for args in pip_installs(dockerfile_lines("Dockerfile.prof")) for w in args]
    assert "./grader" in teacher and (ROOT / "grader" / "pyproject.toml").is_file()


# --- The chart's own hub configuration, with the hub image's classes ----------------------

HUB_PYTHON = ROOT / ".venv-z2jh-hub" / "bin" / "python"


def hub_check(values: dict, tmp_path: Path, authenticator: str = "GenericOAuthenticator") -> dict:
    """Run tests/data/z2jh/hub_check.py in the hub image's environment (`make z2jh-hub-env`)."""
    import json
    import subprocess

    if not HUB_PYTHON.exists():
        pytest.skip("environment of the chart's hub image missing: run `make z2jh-hub-env`")
    values_file = tmp_path / "values.yaml"
    values_file.write_text(yaml.safe_dump(values), encoding="utf-8")
    result = subprocess.run(
        [str(HUB_PYTHON), str(DATA / "hub_check.py"), str(values_file), str(DATA / "chart-hub")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["authenticator"] == authenticator
    assert report["sections"][authenticator if authenticator != "NativeAuthenticator" else "Authenticator"]
    assert "pre_spawn_hook" in report["sections"]["KubeSpawner"], "hub.extraConfig was not run"
    return report


@pytest.mark.slow
def test_hub_loads_the_config_with_the_chart_classes(tmp_path):
    """hub.config options are real options of oauthenticator 17.4.0 / kubespawner 7.0.0 /
    jupyterhub 5.5.0 (the chart's hub image), services fields exist, role scopes exist."""
    text = (Z2JH / "config.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(fill(text))
    report = hub_check(merged_config(text), tmp_path)
    assert report["errors"] == []

    # The pods the real KubeSpawner builds after the pre_spawn_hook, for each group.
    image = config["singleuser"]["image"]
    learner, teacher = report["pods"][LEARNER_GROUP], report["pods"][TEACHER_GROUP]
    assert learner["image"] == f"{image['name']}:{image['tag']}"
    assert teacher["image"] == f"{SAMPLES['registre']}/prospection-prof:{image['tag']}"
    for pod in (learner, teacher):
        assert pod["memory_limit"] == 1024**3  # singleuser.memory.limit: 1G
        assert pod["cpu_limit"] == 1.0
        assert "/etc/jupyter/nbgrader_config.py" in pod["mounts"]
        assert pod["env"]["LANG"] == "C.UTF-8"


@pytest.mark.slow
def test_hub_check_catches_seeded_mistakes(tmp_path):
    text = (Z2JH / "config.yaml").read_text(encoding="utf-8")
    seeds = [
        ("      username_claim: preferred_username", "      username_claime: preferred_username"),
        ("      oauth_no_confirm: true", "      oauth_noconfirm: true"),
        ("scopes: [read:users, read:groups]", "scopes: [read:users, read:group]"),
        # The hook's group misspelled: no error anywhere, the teacher just gets the learner image.
        ('if "prospection-profs" in groups', 'if "prospection-prof" in groups'),
    ]
    for mistake, replacement in seeds:
        assert text.count(mistake) == 1, mistake
        text = text.replace(mistake, replacement)
    # The schema lets all three through (free-form sections of the chart)...
    assert all_errors(text) == []
    # ...the hub's own classes do not.
    report = hub_check(merged_config(text), tmp_path)
    errors = " | ".join(report["errors"])
    assert "GenericOAuthenticator.username_claime" in errors
    assert "no such service field oauth_noconfirm" in errors
    assert "read:group" in errors
    assert "prospection-eleve:" in report["pods"][TEACHER_GROUP]["image"]


@pytest.mark.slow
def test_hub_without_ent_loads_and_gives_teachers_their_image(tmp_path):
    """The NativeAuthenticator variant (sans-ent.yaml): real options of nativeauthenticator
    1.3.0 and JupyterHub 5.5.0; JupyterHub 5 lets nobody in without allow_all (or a list)."""
    config = (Z2JH / "config.yaml").read_text(encoding="utf-8")
    overlay = (Z2JH / "sans-ent.yaml").read_text(encoding="utf-8")
    report = hub_check(merged_config(config, overlay), tmp_path, authenticator="NativeAuthenticator")
    assert report["errors"] == []
    assert report["sections"]["Authenticator"] == ["admin_users", "allow_all"]
    assert "prospection-prof:" in report["pods"][TEACHER_GROUP]["image"]


@pytest.mark.slow
def test_learner_image_turns_off_the_teacher_tools(tmp_path):
    """Replays the learner image's `jupyter server extension` / `jupyter labextension` commands
    on a copy of this environment's sys-prefix configuration (where pip puts nbgrader's, as in
    the image), then reads the result back: nbgrader's teacher tools are off and locked (same
    lists as prospection/lab.py for a learner), the Assignments tab stays."""
    import json
    import os
    import shutil
    import subprocess
    import sysconfig

    from prospection import lab

    commands = [c for c in run_commands(dockerfile_lines("Dockerfile.eleve")) if c[0] == "jupyter"]
    assert commands, "the learner image runs no jupyter command"
    prefix = tmp_path / "prefix"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True)
    site_packages = list(prefix.glob("lib/python3*/site-packages"))
    assert len(site_packages) == 1
    (site_packages[0] / "main.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    shutil.copytree(Path(sys.prefix) / "etc" / "jupyter", prefix / "etc" / "jupyter")
    python = str(prefix / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["HOME"] = str(tmp_path / "home")
    for command in commands:
        if command[1:3] == ["server", "extension"]:
            argv = [python, "-m", "jupyter_server", "extension", *command[3:]]
        else:
            assert command[1] == "labextension", command
            argv = [python, "-m", "jupyterlab.labextensions", *command[2:]]
        result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "Validation failed" not in result.stderr + result.stdout, result.stderr[-2000:]

    listing = subprocess.run([python, "-m", "jupyter_server", "extension", "list"], env=env,
                             capture_output=True, text=True, timeout=120, check=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", listing.stdout + listing.stderr)
    state = dict(re.findall(r"^\s*(nbgrader\.server_extensions\.\w+) (enabled|disabled)\s*$", text, re.M))
    assert state, text
    for module in lab.NBGRADER_TEACHER_SERVER:
        assert state[module] == "disabled", module
    for module in lab.NBGRADER_ASSIGNMENTS_SERVER:
        assert state[module] == "enabled", module

    page = json.loads((prefix / "etc" / "jupyter" / "labconfig" / "page_config.json").read_text())
    expected = set(lab.NBGRADER_TEACHER_PLUGINS) | set(lab.LEARNER_HIDDEN_PLUGINS)
    assert {k for k, v in page["disabledExtensions"].items() if v} == expected
    assert {k for k, v in page["lockedExtensions"].items() if v} == expected
    assert not expected & set(lab.NBGRADER_ASSIGNMENTS_PLUGINS)



NGSHARE_TARGET = ROOT / ".venv-z2jh-hub" / "ngshare_exchange"

EXCHANGE_CHECK = """
import json, os, sys
os.environ.setdefault("JUPYTERHUB_USER", "eleve1")  # ngshare_exchange reads it at import
from traitlets.config import Config
c = Config()
exec(compile(open(sys.argv[1]).read(), "nbgrader_config.py", "exec"), {"get_config": lambda: c})
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory
factory, coursedir = ExchangeFactory(config=c), CourseDirectory(config=c)
out = {"course_id": coursedir.course_id}
for name in ("List", "FetchAssignment", "Submit", "FetchFeedback", "ReleaseAssignment",
             "Collect", "ReleaseFeedback"):
    step = getattr(factory, name)(coursedir=coursedir, authenticator=None, config=c)
    out[name] = [type(step).__module__, getattr(step, "ngshare_url", None)]
from ngshare_exchange import course_management
for argv in json.loads(sys.argv[2]):
    course_management.parse_args(argv)  # exits on a bad command line
print(json.dumps(out))
"""


@pytest.mark.slow
def test_learner_nbgrader_config_runs_with_the_real_ngshare_exchange(config, tmp_path):
    """The extraFiles nbgrader configuration, run by nbgrader 0.9.6 (this .venv) with the
    ngshare_exchange the images install (`make z2jh-hub-env`): every exchange step nbgrader
    builds is ngshare's, on the configured URL. The guide's ngshare-course-management command
    lines parse with its real argument parser."""
    import json
    import os
    import subprocess

    pin = re.search(r"ngshare_exchange==([\d.]+)", (Z2JH / "Dockerfile.eleve").read_text()).group(1)
    if not (NGSHARE_TARGET / "ngshare_exchange").is_dir():
        pytest.skip("ngshare_exchange missing: run `make z2jh-hub-env`")
    assert (NGSHARE_TARGET / f"ngshare_exchange-{pin}.dist-info").is_dir(), "stale: make z2jh-hub-env"

    snippet = tmp_path / "nbgrader_config.py"
    snippet.write_text(config["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"], encoding="utf-8")
    guide = GUIDE.read_text(encoding="utf-8")
    commands = [shlex.split(m)[1:] for m in re.findall(r"`(ngshare-course-management [^`]+)`", guide)]
    assert len(commands) >= 2, "the guide no longer shows ngshare-course-management commands"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(PYTHONPATH=str(NGSHARE_TARGET), HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", EXCHANGE_CHECK, str(snippet), json.dumps(commands)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    url = config["hub"]["services"]["ngshare"]["url"] + "/services/ngshare"
    assert out.pop("course_id") == "*"
    assert len(out) == 7
    for step, (module, step_url) in out.items():
        assert module.startswith("ngshare_exchange."), (step, module)
        assert step_url == url, step

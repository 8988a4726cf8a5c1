"""JupyterHub for one school server: the class works in the browser, nothing to install.

Engines (none home-made): JupyterHub (PyPI), configurable-http-proxy (npm), PAM with real Unix
accounts (``deploy/comptes.py`` creates them from the class roster), SystemdSpawner where
systemd runs (per-learner memory and CPU limits in a cgroup), else LocalProcessSpawner under
``prlimit`` (memory cap per process; no CPU share), jupyterhub-idle-culler, and nbgrader's
filesystem exchange for release / fetch / submit / collect / feedback.

Why real Unix accounts rather than NativeAuthenticator: nbgrader's exchange is a shared folder
whose safety rests on Unix permissions — each submission belongs to the account that made it,
learners cannot read each other's copies, and ``collect`` checks the owner. Single-user servers
on one machine run under one account per learner for the same reason; NativeAuthenticator would
still need those accounts, plus a sign-up step to supervise.

Every setting can be changed without editing this file (``/etc/default/prospection-hub`` or the
service's environment):

==============================  ===========================================================
PROSPECTION_HUB_PREFIX          environments (``prof/``, ``eleve/``), default /opt/prospection-hub
PROSPECTION_HUB_STATE           hub state: database, cookie secret (default /var/lib/prospection-hub)
PROSPECTION_HUB_IP / _PORT      public address, default 127.0.0.1:8000 (a reverse proxy with
                                HTTPS in front for the school network, see docs/serveur.md)
PROSPECTION_HUB_API_PORT        hub's internal API port (8081); proxy API port is it + 1
PROSPECTION_HUB_ECHANGE         nbgrader exchange, default /srv/nbgrader/exchange
PROSPECTION_HUB_COURS           nbgrader course id, default prospection-commerciale
PROSPECTION_HUB_GROUPE_ELEVES   Unix group of learners (prospection-eleves)
PROSPECTION_HUB_GROUPE_PROFS    Unix group of teachers (prospection-profs): hub admins, Formgrader
PROSPECTION_HUB_MEMOIRE         memory limit per learner, default 1G
PROSPECTION_HUB_CPU             CPU share per learner (systemd only), default 1.0 core
PROSPECTION_HUB_INACTIF         seconds before an idle server is stopped, default 3600
PROSPECTION_HUB_API_TOKEN       optional: token of an admin service for scripts (tests, benchmark)
==============================  ===========================================================
"""

import grp
import os
import pwd
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - injected by JupyterHub

env = os.environ.get
HERE = Path(__file__).resolve().parent
PREFIX = Path(env("PROSPECTION_HUB_PREFIX", "/opt/prospection-hub"))
STATE = Path(env("PROSPECTION_HUB_STATE", "/var/lib/prospection-hub"))
IP = env("PROSPECTION_HUB_IP", "127.0.0.1")
PORT = int(env("PROSPECTION_HUB_PORT", "8000"))
API_PORT = int(env("PROSPECTION_HUB_API_PORT", "8081"))
EXCHANGE = Path(env("PROSPECTION_HUB_ECHANGE", "/srv/nbgrader/exchange"))
COURSE = env("PROSPECTION_HUB_COURS", "prospection-commerciale")
LEARNERS = env("PROSPECTION_HUB_GROUPE_ELEVES", "prospection-eleves")
TEACHERS = env("PROSPECTION_HUB_GROUPE_PROFS", "prospection-profs")
MEMORY = env("PROSPECTION_HUB_MEMOIRE", "1G")
CPU = float(env("PROSPECTION_HUB_CPU", "1.0"))
IDLE = int(env("PROSPECTION_HUB_INACTIF", "3600"))

STATE.mkdir(parents=True, exist_ok=True, mode=0o700)

# ---- network: loopback by default ---------------------------------------------------------
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = API_PORT
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{API_PORT + 1}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# ---- who may log in: the class's Unix accounts ---------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {LEARNERS, TEACHERS}
c.PAMAuthenticator.admin_groups = {TEACHERS}
c.PAMAuthenticator.open_sessions = False  # no systemd-logind session per login

# ---- single-user servers --------------------------------------------------------------------
SYSTEMD = Path("/run/systemd/system").is_dir()


def bytes_of(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def is_teacher(name: str) -> bool:
    try:
        group = grp.getgrnam(TEACHERS)
        return name in group.gr_mem or pwd.getpwnam(name).pw_gid == group.gr_gid
    except KeyError:
        return False


if SYSTEMD:
    # Each learner's server and kernels in one systemd unit: memory and CPU limits per learner.
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.mem_limit = MEMORY
    c.SystemdSpawner.cpu_limit = CPU
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.disable_user_sudo = True
    LIMIT = []
else:
    # No systemd (a container, WSL): every process of a learner is capped in memory.
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
    c.Spawner.mem_limit = MEMORY
    LIMIT = ["/usr/bin/prlimit", f"--as={bytes_of(MEMORY) * 2}", f"--nproc={512}", "--"]

c.Spawner.default_url = "/lab"
# Kernels talk to their server over Unix sockets in the account's own runtime folder: with 30
# learners starting kernels at once, TCP ports picked at random collide (a kernel then loses
# its heartbeat), and TCP on a shared server is readable by every account.
c.Spawner.args = ["--KernelManager.transport=ipc"]
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 180   # 30 learners log in together on a small server
c.Spawner.http_timeout = 180
NBGRADER_CONFIG = STATE / "jupyter"


def pre_spawn_hook(spawner):
    """Teachers get the whole toolchain and the Formgrader; learners the learner part only."""
    name = spawner.user.name
    venv = PREFIX / ("prof" if is_teacher(name) else "eleve")
    spawner.cmd = [*LIMIT, str(venv / "bin" / "jupyterhub-singleuser")]
    spawner.environment.update({
        "PATH": f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "JUPYTER_CONFIG_PATH": str(NBGRADER_CONFIG),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "OPENBLAS_NUM_THREADS": "1",   # 30 learners on a few cores: one BLAS thread each
        "MPLBACKEND": "Agg",
    })


c.Spawner.pre_spawn_hook = pre_spawn_hook

# ---- nbgrader exchange: one folder shared by all accounts ---------------------------------
EXCHANGE.mkdir(parents=True, exist_ok=True)
os.chmod(EXCHANGE, 0o777)  # nbgrader's requirement: every account writes its submissions there
NBGRADER_CONFIG.mkdir(parents=True, exist_ok=True)
os.chmod(STATE, 0o711)     # accounts reach jupyter/ (read only), never the database
os.chmod(NBGRADER_CONFIG, 0o755)
(NBGRADER_CONFIG / "nbgrader_config.py").write_text(
    "# Écrit par deploy/jupyterhub_config.py : l'échange nbgrader du hub.\n"
    "c = get_config()\n"
    f"c.CourseDirectory.course_id = {COURSE!r}\n"
    f"c.Exchange.root = {str(EXCHANGE)!r}\n"
    "c.Exchange.path_includes_course = False\n"
    "# Fetch lays each learner's own variant over the common release (release --variantes).\n"
    "c.ExchangeFactory.fetch_assignment = 'prospection.echange.FetchAssignmentVariante'\n",
    encoding="utf-8")

# ---- idle servers are stopped (memory back for the others) ---------------------------------
c.JupyterHub.services = [{
    "name": "jupyterhub-idle-culler-service",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE}"],
}]
c.JupyterHub.load_roles = [{
    "name": "jupyterhub-idle-culler-role",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["jupyterhub-idle-culler-service"],
}]
if env("PROSPECTION_HUB_API_TOKEN"):
    c.JupyterHub.services.append({"name": "prospection-admin", "api_token": env("PROSPECTION_HUB_API_TOKEN")})
    c.JupyterHub.load_roles.append({"name": "prospection-admin-role", "services": ["prospection-admin"],
                                    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers",
                                               "list:users", "read:users"]})

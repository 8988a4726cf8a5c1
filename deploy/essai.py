"""A trial class on the hub, driven from a script: used by the hub test and the benchmark.

``HubTrial(n)`` creates one teacher and ``n`` learner Unix accounts (``deploy/comptes.py``, in
groups of their own), starts ``deploy/jupyterhub_config.py`` on 127.0.0.1 with a state folder
and an nbgrader exchange of its own, logs people in through the real login form (PAM), talks to
their servers through the hub (REST contents API, nbgrader's Assignments API, kernels over
WebSocket), and removes everything at ``stop()``: hub, proxy, servers, accounts, groups, files.
Must run as root (accounts). Loopback only.
"""

from __future__ import annotations

import csv
import json
import os
import pwd
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
PREFIX = Path(os.environ.get("PROSPECTION_HUB_PREFIX", "/opt/prospection-hub"))
COURSE = "prospection-commerciale"


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def free_ports() -> tuple[int, int]:
    """A public port and an API port (API + 1 for the proxy's API), all free, on loopback."""
    for _ in range(200):
        port = random.randrange(20000, 39000)
        api = port + 100
        if all(_free(p) for p in (port, api, api + 1)):
            return port, api
    raise RuntimeError("aucun port libre")


class HubError(RuntimeError):
    pass


class HubTrial:
    def __init__(self, n_learners: int, *, memory: str = "1G", idle: int = 3600, log=print):
        self.tag = "px" + secrets.token_hex(2)           # unique per run: accounts never clash
        self.teacher = f"{self.tag}prof"
        self.learners = [f"{self.tag}e{i:02d}" for i in range(1, n_learners + 1)]
        self.groups = (f"{self.tag}-eleves", f"{self.tag}-profs")
        self.memory, self.idle, self.log = memory, idle, log
        self.port, self.api_port = free_ports()
        self.base = f"http://127.0.0.1:{self.port}"
        # outside /tmp/pytest-of-root (mode 700): accounts read the hub's nbgrader settings
        self.root = Path(tempfile.mkdtemp(prefix=f"prospection-hub-{self.tag}-", dir="/var/tmp"))
        os.chmod(self.root, 0o755)
        self.state = self.root / "etat"
        self.exchange = self.root / "echange"
        self.admin_token = secrets.token_hex(24)
        self.passwords: dict[str, str] = {}
        self.process: subprocess.Popen | None = None
        self.roster = self.root / "liste.csv"

    # ---- environment ---------------------------------------------------------------------
    def env(self) -> dict:
        return dict(os.environ,
                    PROSPECTION_HUB_PREFIX=str(PREFIX), PROSPECTION_HUB_STATE=str(self.state),
                    PROSPECTION_HUB_IP="127.0.0.1", PROSPECTION_HUB_PORT=str(self.port),
                    PROSPECTION_HUB_API_PORT=str(self.api_port),
                    PROSPECTION_HUB_ECHANGE=str(self.exchange), PROSPECTION_HUB_COURS=COURSE,
                    PROSPECTION_HUB_GROUPE_ELEVES=self.groups[0],
                    PROSPECTION_HUB_GROUPE_PROFS=self.groups[1],
                    PROSPECTION_HUB_MEMOIRE=self.memory, PROSPECTION_HUB_INACTIF=str(self.idle),
                    PROSPECTION_HUB_API_TOKEN=self.admin_token)

    def start(self) -> "HubTrial":
        if os.geteuid() != 0:
            raise HubError("l'essai du hub crée des comptes Unix : il faut être root")
        for tool in (PREFIX / "prof" / "bin" / "jupyterhub", PREFIX / "eleve" / "bin" / "jupyterhub-singleuser",
                     HERE / "node_modules" / ".bin" / "configurable-http-proxy"):
            if not tool.exists():
                raise HubError(f"{tool} manque : lancez « make hub-deps »")
        with open(self.roster, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow(["identifiant", "nom", "prenom", "email"])
            for i, name in enumerate(self.learners, 1):
                writer.writerow([name, f"Élève{i:02d}", "Chloé", f"{name}@lycee.example"])
        os.chmod(self.roster, 0o644)
        accounts = self.root / "comptes.csv"
        done = subprocess.run([str(PREFIX / "prof" / "bin" / "python"), str(HERE / "comptes.py"),
                               str(self.roster), "--prof", self.teacher, "--sortie", str(accounts)],
                              env=self.env(), capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise HubError(f"comptes.py : {done.stdout}{done.stderr}")
        with open(accounts, encoding="utf-8-sig") as fh:
            self.passwords = {r["identifiant"]: r["mot_de_passe"] for r in csv.DictReader(fh, delimiter=";")}
        self.state.mkdir()
        self.hub_log = open(self.root / "jupyterhub.log", "wb")
        self.process = subprocess.Popen(
            [str(PREFIX / "prof" / "bin" / "jupyterhub"), "-f", str(HERE / "jupyterhub_config.py")],
            cwd=self.state, env=self.env(), stdout=self.hub_log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError("le hub s'est arrêté :\n" + self.hub_tail())
            try:
                if requests.get(f"{self.base}/hub/api", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise HubError("le hub ne répond pas :\n" + self.hub_tail())

    def hub_tail(self, n: int = 4000) -> str:
        try:
            return (self.root / "jupyterhub.log").read_text(encoding="utf-8", errors="replace")[-n:]
        except OSError:
            return ""

    # ---- hub REST API ----------------------------------------------------------------------
    def hub_api(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"Authorization": f"token {self.admin_token}"}
        return requests.request(method, f"{self.base}/hub/api{path}", headers=headers, timeout=60, **kw)

    def login(self, user: str, wait: bool = True) -> requests.Session:
        """The login form, as a browser fills it (real PAM check); the server starts."""
        s = requests.Session()
        s.get(f"{self.base}/hub/login", timeout=60)
        r = s.post(f"{self.base}/hub/login", data={"username": user, "password": self.passwords[user],
                                                   "_xsrf": s.cookies.get("_xsrf", "")},
                   timeout=300, allow_redirects=True)
        if r.status_code >= 400 or "jupyterhub-hub-login" not in s.cookies.get_dict():
            raise HubError(f"connexion refusée pour {user} ({r.status_code})")
        if wait:
            self.wait_server(user)
        return s

    def wait_server(self, user: str, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            info = self.hub_api("GET", f"/users/{user}").json()
            server = (info.get("servers") or {}).get("")
            if server and server.get("ready"):
                return
            if not server or not server.get("pending"):
                # the spawn may not have begun yet (or failed): ask for it
                r = self.hub_api("POST", f"/users/{user}/server")
                if r.status_code not in (201, 202, 400):
                    raise HubError(f"serveur de {user} : {r.status_code} {r.text}\n{self.hub_tail()}")
            time.sleep(0.5)
        raise HubError(f"le serveur de {user} ne démarre pas\n{self.hub_tail()}")

    def token(self, user: str) -> str:
        r = self.hub_api("POST", f"/users/{user}/tokens", json={"note": "essai", "expires_in": 7200})
        if r.status_code != 201:
            raise HubError(f"jeton de {user} : {r.status_code} {r.text}")
        return r.json()["token"]

    def server(self, user: str, token: str, method: str, path: str, **kw) -> requests.Response:
        headers = {"Authorization": f"token {token}"}
        return requests.request(method, f"{self.base}/user/{user}/{path.lstrip('/')}", headers=headers,
                                timeout=kw.pop("timeout", 300), **kw)

    # ---- nbgrader's Assignments tab, through the hub ---------------------------------------
    def assignment_action(self, user: str, token: str, action: str, assignment: str):
        r = self.server(user, token, "POST", f"assignments/{action}",
                        json={"course_id": COURSE, "assignment_id": assignment})
        if r.status_code != 200:
            raise HubError(f"{action} de {user} : {r.status_code} {r.text[:500]}")
        data = r.json()
        if isinstance(data, dict) and data.get("success") is False:
            raise HubError(f"{action} de {user} : {data.get('value')}")
        return data

    def put_file(self, user: str, token: str, path: str, content, kind: str = "file") -> None:
        body = ({"type": "notebook", "format": "json", "content": content} if kind == "notebook"
                else {"type": "file", "format": "text", "content": content})
        r = self.server(user, token, "PUT", f"api/contents/{path}", json=body)
        if r.status_code not in (200, 201):
            raise HubError(f"écriture de {path} par {user} : {r.status_code} {r.text[:300]}")

    # ---- kernels: code run as the account, in its own environment --------------------------
    def run_code(self, user: str, token: str, code: str, timeout: float = 600, keep: bool = False) -> str:
        """Run ``code`` in a new kernel of ``user``'s server; the kernel is shut down after,
        unless ``keep`` (a learner who keeps working)."""
        import websocket
        r = self.server(user, token, "POST", "api/kernels", json={"name": "python3"})
        if r.status_code != 201:
            raise HubError(f"noyau de {user} : {r.status_code} {r.text[:300]}")
        kernel = r.json()["id"]
        ws_url = f"ws://127.0.0.1:{self.port}/user/{user}/api/kernels/{kernel}/channels"
        ws = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=timeout)
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": user, "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        out, error = [], None
        replied = idle = False
        deadline = time.monotonic() + timeout
        try:
            # the reply (shell) may come before the outputs (iopub): wait for both the reply and
            # the kernel's « idle » after this request, which comes after its last output
            while time.monotonic() < deadline and not (replied and idle):
                ws.settimeout(max(0.1, deadline - time.monotonic()))
                try:
                    msg = json.loads(ws.recv())
                except websocket.WebSocketTimeoutException:
                    break
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "stream":
                    out.append(msg["content"]["text"])
                elif kind == "error":
                    error = "\n".join(msg["content"]["traceback"])
                elif kind == "execute_reply":
                    replied = True
                    deadline = min(deadline, time.monotonic() + 30)  # outputs follow closely
                elif kind == "status" and msg["content"].get("execution_state") == "idle":
                    idle = True
        finally:
            ws.close()
            if not keep:
                self.server(user, token, "DELETE", f"api/kernels/{kernel}")
        if error:
            raise HubError(f"code de {user} en erreur :\n{''.join(out)}\n{error}")
        return "".join(out)

    # ---- measures --------------------------------------------------------------------------
    def memory_of(self, user: str) -> int:
        """Resident memory (bytes) of every process of an account."""
        uid = pwd.getpwnam(user).pw_uid
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if (entry / "status").stat().st_uid != uid:
                    continue
                for line in (entry / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except (OSError, ValueError):
                continue
        return total

    def give(self, user: str, source: Path, dest_name: str) -> Path:
        """Copy a file or folder into an account's home, owned by the account."""
        entry = pwd.getpwnam(user)
        dest = Path(entry.pw_dir) / dest_name
        if source.is_dir():
            shutil.copytree(source, dest, dirs_exist_ok=True)
        else:
            shutil.copy2(source, dest)
        for path in [dest, *dest.rglob("*")] if dest.is_dir() else [dest]:
            os.chown(path, entry.pw_uid, entry.pw_gid)
        return dest

    # ---- the end ---------------------------------------------------------------------------
    def processes(self) -> list[int]:
        uids = set()
        for name in [self.teacher, *self.learners]:
            try:
                uids.add(pwd.getpwnam(name).pw_uid)
            except KeyError:
                pass
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if (entry / "status").stat().st_uid in uids:
                        pids.append(int(entry.name))
                except OSError:
                    pass
        return pids

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the hub stops servers and proxy
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        try:
            os.killpg(self.process.pid, signal.SIGKILL) if self.process else None
        except ProcessLookupError:
            pass
        for pid in self.processes():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        python = PREFIX / "prof" / "bin" / "python"
        subprocess.run([str(python) if python.exists() else sys.executable, str(HERE / "comptes.py"), str(self.roster), "--prof", self.teacher, "--supprimer"],
                       env=self.env(), capture_output=True, text=True, timeout=300)
        for group in self.groups:
            subprocess.run(["groupdel", group], capture_output=True)
        if getattr(self, "hub_log", None):
            self.hub_log.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()

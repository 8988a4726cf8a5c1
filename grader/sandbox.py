"""Run learner code in an isolated process tree (Debian's ``bubblewrap``).

What a sandboxed command gets:

- its own PID, network, IPC and UTS namespaces: it sees only its own processes, has only a
  loopback interface (enough for a Jupyter kernel), and every process it started is killed when
  it ends (the namespace dies with its first process; ``--die-with-parent`` if we die first);
- a new, empty root where only the system (``/usr``, ``/etc``), the Python installation, the
  virtual environment and the learner part of the course (``prospection``, ``datasets``) are
  mounted, all read-only; the teacher part (``grader``), the repository, the class folder, the
  keys and the other copies are simply not there;
- one writable place, ``/copie``: a size-limited tmpfs that receives a copy of the one submission
  (mounted read-only at ``/soumission``, copied before the uid drops), plus a small ``/tmp``;
- an unprivileged uid (65534): the real one when we are root (``setpriv`` after the mounts),
  else a user namespace;
- resource limits (``prlimit``): address space, CPU time, processes, file size, open files, no
  core dumps, each at most the hard limit we inherit (a non-root account cannot raise a hard
  limit, even inside its user namespace: JupyterHub's spawner caps the teacher's server with
  ``prlimit --as``); a wall-clock limit enforced from outside;
- a scrubbed environment (only a few neutral variables);
- stdout and stderr read by us up to a cap: the rest is discarded and the cut is reported.

``run()`` runs any command; ``execute_notebook()`` runs a notebook with nbclient and ipykernel
inside the sandbox and returns the executed notebook as data (see ``toolchain/sandbox_runner.py``).

A sandbox that cannot start (bwrap, setpriv or prlimit refused by the system) is never mistaken for
learner code that failed: the last step before the command writes a marker on stderr, and without
it ``run()`` raises ``SandboxUnavailable`` with what the system said. ``check()`` runs the whole
chain once (the notebook runner included) so that a command grading a class stops at once, in
French, instead of giving every learner 0.
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Limits", "SandboxResult", "SandboxUnavailable", "available", "check", "run",
           "execute_notebook", "NOBODY", "SCRATCH", "SUBMISSION"]

NOBODY = 65534
SCRATCH = "/copie"
SUBMISSION = "/soumission"
RUNNER = Path(__file__).resolve().parent / "toolchain" / "sandbox_runner.py"
RUNNER_IN = "/opt/correction/executer.py"
MB = 1024 * 1024
# Written on stderr by the sandbox's last step, right before the command: the sandbox started.
STARTED = b"@@prospection-bac-a-sable-pret@@\n"
HELP = "voir «\u00a0Le bac à sable de la correction\u00a0» dans docs/serveur.md"


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or does not work here (French message)."""


@dataclass
class Limits:
    """Limits of one sandboxed run (the defaults suit one notebook of the course)."""

    wall_seconds: float = 120.0        # from outside: the whole tree is killed after this
    cpu_seconds: int = 120             # per process (RLIMIT_CPU)
    memory_mb: int = 3072              # address space per process (RLIMIT_AS)
    # Processes and threads of the sandbox's real uid (RLIMIT_NPROC), counted by the kernel over
    # every process of that uid: all the sandboxes of a grading run as root (uid 65534), and all
    # the teacher's processes on a hub. 64 made kernels die (« noyau arrêté », 0 point) as soon as
    # a few copies ran side by side (an ipykernel has about ten threads); 512 still stops a fork
    # bomb, and the PID namespace kills whatever is left.
    processes: int = 512
    file_mb: int = 64                  # largest file written (RLIMIT_FSIZE)
    open_files: int = 256              # RLIMIT_NOFILE
    scratch_mb: int = 256              # size of the writable /copie tmpfs
    tmp_mb: int = 64                   # size of /tmp
    output_bytes: int = 8 * MB         # what we keep of stdout (the rest is cut and reported)
    stderr_bytes: int = 256 * 1024


@dataclass
class SandboxResult:
    returncode: int | None
    stdout: bytes
    stderr: bytes
    stdout_cut: int = 0        # bytes discarded past Limits.output_bytes
    stderr_cut: int = 0
    timed_out: bool = False
    seconds: float = 0.0
    command: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def bwrap_path() -> str | None:
    """``PROSPECTION_BWRAP`` (the teacher's setting), else ``bwrap`` on the PATH or in /usr/bin."""
    chosen = os.environ.get("PROSPECTION_BWRAP")
    if chosen:
        return chosen
    return shutil.which("bwrap") or (os.path.exists("/usr/bin/bwrap") and "/usr/bin/bwrap") or None


_AVAILABLE: bool | None = None


def available() -> bool:
    """Whether bubblewrap is installed and can create the namespaces we need."""
    global _AVAILABLE
    if _AVAILABLE is None:
        try:
            _AVAILABLE = run(["/usr/bin/true"], limits=Limits(wall_seconds=20)).returncode == 0
        except SandboxUnavailable:
            _AVAILABLE = False
    return _AVAILABLE


def learner_paths() -> list[Path]:
    """What learner code may import or read besides the system: the learner package and its data."""
    import prospection  # the learner part only; never the teacher part
    package = Path(prospection.__file__).resolve().parent
    paths = [package]
    datasets = package.parent / "datasets"
    if datasets.is_dir():
        paths.append(datasets)
    return paths


def _capped(kind: int, wanted: int) -> int:
    """``wanted``, or the hard limit we inherit when it is lower: only root may raise a hard
    limit, and prlimit sets soft and hard together."""
    try:
        hard = resource.getrlimit(kind)[1]
    except (OSError, ValueError):
        return wanted
    return wanted if hard == resource.RLIM_INFINITY or hard < 0 else min(wanted, hard)


def rlimits(limits: Limits) -> dict[str, int]:
    """What ``prlimit`` sets inside, the same for root and non-root teachers."""
    return {
        "as": _capped(resource.RLIMIT_AS, limits.memory_mb * MB),
        "cpu": _capped(resource.RLIMIT_CPU, int(limits.cpu_seconds)),
        "nproc": _capped(resource.RLIMIT_NPROC, limits.processes),
        "fsize": _capped(resource.RLIMIT_FSIZE, limits.file_mb * MB),
        "nofile": _capped(resource.RLIMIT_NOFILE, limits.open_files),
        "core": 0,
    }


def _python_roots() -> list[Path]:
    roots = []
    for p in (sys.base_prefix, sys.prefix, os.path.dirname(os.path.realpath(sys.executable))):
        path = Path(p).resolve()
        if str(path).startswith("/usr/") or str(path) == "/usr":
            continue
        if not any(path == r or r in path.parents for r in roots):
            roots = [r for r in roots if path not in r.parents] + [path]
    return roots


def _system_mounts() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "lib32", "sbin"):
        p = Path("/") / name
        if p.is_symlink():
            args += ["--symlink", os.readlink(p), f"/{name}"]
        elif p.is_dir():
            args += ["--ro-bind", str(p), f"/{name}"]
    args += ["--ro-bind", "/etc", "/etc"]
    return args


def environment(extra: dict | None = None) -> dict[str, str]:
    """The whole environment inside: nothing inherited from the teacher's shell."""
    venv_bin = str(Path(sys.prefix) / "bin")
    env = {
        "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp/home",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "MPLBACKEND": "Agg",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "JUPYTER_CONFIG_DIR": "/tmp/home/.jupyter",
        "JUPYTER_DATA_DIR": "/tmp/home/.local/share/jupyter",
        "JUPYTER_RUNTIME_DIR": "/tmp/home/.runtime",
        "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": "/tmp/home/.ipython",
        "TMPDIR": "/tmp",
    }
    env.update(extra or {})
    return env


def build_command(argv: list[str], submission: Path | None = None, limits: Limits | None = None,
                  env: dict | None = None, binds: list[tuple[Path, str]] | None = None) -> list[str]:
    limits = limits or Limits()
    bwrap = bwrap_path()
    if bwrap is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) est introuvable\u00a0: installez-le avec « make bwrap » "
            "(ou « sudo apt-get install bubblewrap »).")
    root = os.geteuid() == 0
    cmd = [bwrap, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
           "--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if not root:  # an unprivileged teacher: a user namespace gives the uid 65534 inside
        cmd += ["--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY)]
    cmd += _system_mounts()
    # /proc, /dev and the private /tmp first: the project or its venv may live under /tmp (a CI
    # clone, say), and the read-only binds below must land on top of the tmpfs, not under it.
    cmd += ["--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", str(limits.tmp_mb * MB), "--tmpfs", "/tmp"]
    mounted = _python_roots() + learner_paths()
    dests = mounted + [Path(dest) for _, dest in binds or []]
    parents = sorted({str(a) for p in dests for a in p.parents if str(a) != "/"}
                     - {"/usr", "/etc"}, key=lambda s: s.count("/"))
    for parent in parents:  # traversable by the sandbox uid (bwrap would make them 0700)
        cmd += ["--perms", "0755", "--dir", parent]
    for path in mounted:
        cmd += ["--ro-bind", str(path), str(path)]
    for src, dest in binds or []:
        cmd += ["--ro-bind", str(src), dest]
    cmd += ["--perms", "0777", "--size", str(limits.scratch_mb * MB), "--tmpfs", SCRATCH]
    if submission is not None:
        cmd += ["--ro-bind", str(Path(submission).resolve()), SUBMISSION]
    cmd += ["--chdir", SCRATCH, "--clearenv"]
    for k, v in environment(env).items():
        cmd += ["--setenv", k, v]
    cmd += ["--"]
    if submission is not None:  # copied before the uid drops: the original need not be readable
        own = f"chown -R {NOBODY}:{NOBODY} {SCRATCH} && " if root else ""
        cmd += ["/bin/sh", "-c", f"cp -R {SUBMISSION}/. {SCRATCH}/ && {own}exec \"$@\"", "sh"]
    if root:  # the real uid drops to nobody once the mounts are made
        cmd += ["/usr/bin/setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"]
    cmd += ["/usr/bin/prlimit", *(f"--{name}={value}" for name, value in rlimits(limits).items()), "--"]
    # the last step: every limit is set; the marker tells run() that the sandbox started
    marker = STARTED.decode().strip()
    cmd += ["/bin/sh", "-c", f"echo {marker} >&2 && exec \"$@\"", "sh"]
    return cmd + list(argv)


def _kill_tree(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # bwrap runs in its own session (start_new_session)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()
    except ProcessLookupError:
        pass


def run(argv: list[str], submission: Path | None = None, limits: Limits | None = None,
        env: dict | None = None, input_bytes: bytes | None = None,
        binds: list[tuple[Path, str]] | None = None) -> SandboxResult:
    """Run ``argv`` in the sandbox; never raises for what happens inside."""
    limits = limits or Limits()
    cmd = build_command(argv, submission, limits, env, binds)
    start = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if input_bytes is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, close_fds=True)
    except OSError as exc:
        raise SandboxUnavailable(f"bubblewrap ({cmd[0]}) ne se lance pas\u00a0: {exc.strerror or exc} "
                                 f"({HELP}).") from None
    if input_bytes is not None:
        try:  # a sandbox that dies at once (or never starts) reads nothing
            proc.stdin.write(input_bytes)
            proc.stdin.close()
        except BrokenPipeError:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass
    kept = {"out": bytearray(), "err": bytearray()}
    cut = {"out": 0, "err": 0}
    caps = {"out": limits.output_bytes, "err": limits.stderr_bytes}
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ, "out")
    sel.register(proc.stderr, selectors.EVENT_READ, "err")
    timed_out = False
    open_streams = 2
    while open_streams:
        left = limits.wall_seconds - (time.monotonic() - start)
        if left <= 0:
            timed_out = True
            _kill_tree(proc)
            break
        for key, _ in sel.select(timeout=min(left, 1.0)):
            chunk = os.read(key.fileobj.fileno(), 1 << 16)
            name = key.data
            if not chunk:
                sel.unregister(key.fileobj)
                open_streams -= 1
                continue
            room = caps[name] - len(kept[name])
            if room > 0:
                kept[name] += chunk[:room]
            cut[name] += max(0, len(chunk) - max(room, 0))
    sel.close()
    try:
        proc.wait(timeout=max(1.0, limits.wall_seconds - (time.monotonic() - start)))
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_tree(proc)
        proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    err = bytes(kept["err"])
    at = err.find(STARTED)
    if at < 0:  # nothing of the command ran: what stderr holds comes from bwrap, setpriv, prlimit, cp
        said = err.decode("utf-8", "replace").strip()[-600:] or \
            ("délai dépassé" if timed_out else f"code de sortie {proc.returncode}")
        raise SandboxUnavailable(
            "le bac à sable (bubblewrap) n'a pas pu démarrer sur cette machine\u00a0: "
            f"{said} ({HELP}).")
    err = err[:at] + err[at + len(STARTED):]
    return SandboxResult(proc.returncode, bytes(kept["out"]), err, cut["out"],
                         cut["err"], timed_out, time.monotonic() - start, cmd)


_CHECKED: str | None = None


def check() -> None:
    """Start the whole chain once, as a graded notebook would (bwrap, limits, the copy of a
    submission, the notebook runner and its imports); raise ``SandboxUnavailable`` (French)
    if it does not work. Remembered for the process once it worked."""
    global _CHECKED
    if _CHECKED == bwrap_path() and _CHECKED is not None:
        return
    import tempfile
    with tempfile.TemporaryDirectory(prefix="verif-bac-") as tmp:
        Path(tmp).chmod(0o755)
        (Path(tmp) / "essai.txt").write_text("ok", encoding="utf-8")
        res = run([str(Path(sys.prefix) / "bin" / "python"), "-I", RUNNER_IN, "--verifier"],
                  submission=Path(tmp), limits=Limits(wall_seconds=120), binds=[(RUNNER, RUNNER_IN)])
    if res.ok and res.stdout.strip().endswith(b"pret"):
        _CHECKED = bwrap_path()
        return
    said = (res.stderr.decode("utf-8", "replace").strip()[-600:]
            or ("délai dépassé" if res.timed_out else f"code de sortie {res.returncode}"))
    raise SandboxUnavailable(
        "le bac à sable démarre, mais Python n'y exécute pas un carnet (nbclient, ipykernel ou "
        f"la partie élève manquent ou ne s'importent pas)\u00a0: {said} ({HELP}).")


# ------------------------------------------------------------------------ notebooks
@dataclass
class NotebookRun:
    """A notebook executed in the sandbox: the notebook (dict) and what was seen while it ran."""

    notebook: dict | None
    events: list[dict]            # {"code": ..., "detail": ...} seen inside (see sandbox_runner)
    result: SandboxResult
    error: str = ""


def execute_notebook(notebook: dict, folder: Path, name: str, timeout: int = 60,
                     limits: Limits | None = None) -> NotebookRun:
    """Execute ``notebook`` (nbformat dict) in the sandbox, in a scratch copy of ``folder``.

    ``folder`` holds the files the notebook may read (data files, answers files); it is mounted
    read-only and copied into the sandbox's tmpfs, so nothing is ever written back. The notebook
    is passed on stdin and comes back, executed, on stdout.
    """
    limits = limits or Limits()
    n_cells = sum(1 for c in notebook.get("cells", []) if c.get("cell_type") == "code")
    limits.wall_seconds = 2 * timeout + 60  # kernel start-up included, even on a loaded machine
    limits.cpu_seconds = int(max(limits.cpu_seconds, timeout * 2))
    request = {"name": name, "notebook": notebook, "timeout": int(timeout),
               "output_bytes": int(limits.output_bytes // 2)}
    try:
        res = run([str(Path(sys.prefix) / "bin" / "python"), "-I", RUNNER_IN],
                  submission=folder, limits=limits, input_bytes=json.dumps(request).encode("utf-8"),
                  binds=[(RUNNER, RUNNER_IN)])
    except SandboxUnavailable as exc:  # not the learner's doing: said as such to the teacher
        return NotebookRun(None, [], SandboxResult(None, b"", str(exc).encode("utf-8")), str(exc))
    events: list[dict] = []
    nb = None
    error = ""
    lines = res.stdout.decode("utf-8", "replace").strip().splitlines()
    for line in reversed(lines):
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict) and "notebook" in data:
            nb = data.get("notebook")
            events = [e for e in data.get("events", []) if isinstance(e, dict)]
            error = str(data.get("error") or "")
            break
    if res.stdout_cut:
        events.append({"code": "sortie_tronquee", "detail": f"{res.stdout_cut} octets coupés"})
    if res.timed_out:
        events.append({"code": "delai_depasse", "detail": f"{res.seconds:.0f} s"})
    if nb is None and not error:
        tail = res.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        error = " / ".join(tail)[:300] or f"code de sortie {res.returncode}"
    return NotebookRun(nb, events, res, error)

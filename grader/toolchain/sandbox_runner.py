"""Executes one notebook INSIDE the sandbox (see ``grader.sandbox.execute_notebook``).

Standalone on purpose: it is mounted alone at ``/opt/correction/executer.py``; ``grader`` is not
importable in the sandbox. Reads ``{"name", "notebook", "timeout", "output_bytes"}`` on stdin;
the sandbox has copied the submission into ``/copie`` (the only writable place); runs it there with
nbclient and an ipykernel (both inside), and prints one JSON line ``{"notebook", "events",
"error"}``. Events are what the teacher must see: outputs cut, files opened outside the copy,
processes started or still alive after the run.

Nothing here decides a grade: the teacher's process scores the answers data.
"""

import json
import os
import sys
import time

SCRATCH = "/copie"
SUBMISSION = "/soumission"

# Installed in the kernel before any learner cell runs (IPython startup file): reports, on a
# file descriptor the kernel cannot reopen by name, what learner code did that a course
# notebook never needs. Learner code can close the descriptor; the static checks of the
# teacher's process still see the code.
AUDIT_STARTUP = r'''
import os as _os, sys as _sys
def _prospection_audit():
    import json, os, sys
    fd = int(os.environ.pop("PROSPECTION_AUDIT_FD", "-1"))
    if fd < 0:
        return
    allowed = ("/copie", "/tmp", "/usr", "/etc", "/proc/self", "/dev", "/sys",
               sys.prefix, sys.base_prefix, "/opt/correction") + tuple(
        p for p in os.environ.pop("PROSPECTION_AUDIT_ALLOWED", "").split(":") if p)
    seen = set()
    def emit(code, detail):
        key = (code, detail)
        if key in seen or len(seen) > 200:
            return
        seen.add(key)
        try:
            os.write(fd, (json.dumps({"code": code, "detail": detail[:300]}) + "\n").encode())
        except OSError:
            pass
    def hook(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes)):
            path = args[0].decode("utf-8", "replace") if isinstance(args[0], bytes) else args[0]
            full = os.path.abspath(path)
            if not full.startswith(allowed) and not full.startswith("/proc/" + str(os.getpid())):
                emit("lecture_hors_copie", full)
        elif event in ("subprocess.Popen", "os.system", "os.fork", "os.forkpty", "os.posix_spawn",
                       "os.spawn", "os.exec", "pty.spawn"):
            detail = " ".join(str(a) for a in (args[1] if event == "subprocess.Popen" and len(args) > 1
                                               and isinstance(args[1], (list, tuple)) else args))
            emit("processus_lance", f"{event} {detail}")
        elif event == "compile" and len(args) > 1 and args[1] not in ("<string>",):
            pass
        elif event == "sys.addaudithook":
            emit("audit_contourne", "sys.addaudithook")
    sys.addaudithook(hook)
_prospection_audit()
del _prospection_audit
'''


def _other_processes(own: set) -> list[str]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in own:
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            with open(f"/proc/{entry}/stat", "rb") as fh:
                state = fh.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if state == b"Z" or not cmd:
            continue
        found.append(f"{entry}: {cmd[:150]}")
    return found


def verify() -> int:
    """``--verifier``: what a graded notebook needs is here (``grader.sandbox.check``)."""
    import importlib.util
    import prospection  # noqa: F401 - the learner part
    # found, not imported: importing nbformat costs seconds (jsonschema's format checkers)
    missing = [m for m in ("ipykernel", "nbclient", "nbformat") if importlib.util.find_spec(m) is None]
    if missing:
        raise SystemExit("modules absents : " + ", ".join(missing))
    with open(os.path.join(SCRATCH, "essai.txt"), encoding="utf-8") as fh:
        assert fh.read() == "ok", "copie de la soumission incomplète"
    with open(os.path.join(SCRATCH, "ecrit.txt"), "w", encoding="utf-8") as fh:
        fh.write("ok")
    print("pret")
    return 0


def main() -> int:
    if "--verifier" in sys.argv[1:]:
        return verify()
    results = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)  # whatever the kernel prints never reaches our answer
    sys.stdout = sys.stderr
    request = json.loads(sys.stdin.read())
    events: list[dict] = []
    out_cap = int(request.get("output_bytes") or 4_000_000)

    import nbformat
    from nbclient import NotebookClient

    home = os.environ.get("HOME", "/tmp/home")
    startup = os.path.join(os.environ.get("IPYTHONDIR", home + "/.ipython"), "profile_default", "startup")
    os.makedirs(startup, exist_ok=True)
    with open(os.path.join(startup, "00-audit.py"), "w", encoding="utf-8") as fh:
        fh.write(AUDIT_STARTUP)
    read_fd, write_fd = os.pipe()
    os.set_inheritable(write_fd, True)
    os.environ["PROSPECTION_AUDIT_FD"] = str(write_fd)
    import prospection  # the learner part: its folder and the datasets beside it are readable
    learner_root = os.path.dirname(os.path.dirname(os.path.abspath(prospection.__file__)))
    os.environ["PROSPECTION_AUDIT_ALLOWED"] = ":".join(
        [learner_root] + [p for p in sys.path if p and p.startswith("/") and os.path.isdir(p)])
    os.set_blocking(read_fd, False)
    audit_chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(read_fd, 65536)
            except BlockingIOError:
                return
            if not chunk:
                return
            if sum(map(len, audit_chunks)) < 200_000:
                audit_chunks.append(chunk)

    class CappedClient(NotebookClient):
        total = 0
        cut = 0

        def process_message(self, msg, cell, cell_index):
            drain()
            if msg["msg_type"] in ("stream", "display_data", "execute_result", "error",
                                   "update_display_data"):
                size = len(json.dumps(msg.get("content", {}), ensure_ascii=False))
                if CappedClient.total + size > out_cap:
                    CappedClient.cut += size
                    if msg["msg_type"] == "error":
                        pass  # keep errors: they decide nothing, but the teacher reads them
                    else:
                        return None
                CappedClient.total += size
            return super().process_message(msg, cell, cell_index)

    nb = nbformat.from_dict(request["notebook"])
    error = ""
    client = CappedClient(nb, timeout=int(request.get("timeout", 60)), interrupt_on_timeout=True,
                          allow_errors=True, kernel_name="python3", shutdown_kernel="immediate",
                          error_on_timeout={"ename": "CellTimeoutError", "evalue": "",
                                            "traceback": ["CellTimeoutError: No reply from kernel before timeout"]},
                          extra_arguments=["--HistoryManager.hist_file=:memory:"],
                          resources={"metadata": {"path": SCRATCH}})
    index = -1
    try:
        with client.setup_kernel(cwd=SCRATCH, pass_fds=(write_fd,)):
            limit = int(request.get("timeout", 60))
            for index, cell in enumerate(client.nb.cells):
                started = time.monotonic()
                client.execute_cell(cell, index, execution_count=None)
                if time.monotonic() - started >= limit - 0.5 and cell.get("cell_type") == "code":
                    # interrupted at the time limit, or never run because the kernel was still busy
                    # (a loop that ignores the interruption): never an output that looks like a pass
                    outs = cell.setdefault("outputs", [])
                    for out in outs:
                        if out.get("output_type") == "error" and out.get("ename") == "KeyboardInterrupt":
                            out["ename"] = "CellTimeoutError"
                            out["evalue"] = f"cellule interrompue après {limit} s"
                    if not any(o.get("output_type") == "error" for o in outs):
                        outs.insert(0, nbformat.v4.new_output(
                            "error", ename="CellTimeoutError", traceback=[],
                            evalue=f"pas de réponse du noyau après {limit} s"))
                drain()
            index = len(client.nb.cells)
    except Exception as exc:  # noqa: BLE001 - a dead kernel or a timeout: the teacher is told
        error = f"{type(exc).__name__}: {str(exc)[:300]}"
        # cells that never ran must not look like passing tests
        for cell in client.nb.cells[max(index, 0):]:
            if cell.get("cell_type") == "code":
                cell.setdefault("outputs", []).append(nbformat.v4.new_output(
                    "error", ename="CelluleNonExecutee", evalue=error[:200], traceback=[]))
    os.close(write_fd)
    drain()
    if CappedClient.cut:
        events.append({"code": "sortie_tronquee",
                       "detail": f"{CappedClient.cut} octets de sortie coupés (limite {out_cap})"})
    for line in b"".join(audit_chunks).decode("utf-8", "replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and event.get("code"):
            events.append({"code": str(event["code"]), "detail": str(event.get("detail", ""))[:300]})
    alive = _other_processes({os.getpid(), 1, os.getppid()})
    for line in alive[:10]:
        events.append({"code": "processus_survivant", "detail": line})
    results.write(json.dumps({"notebook": nb, "events": events, "error": error},
                             ensure_ascii=False) + "\n")
    results.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

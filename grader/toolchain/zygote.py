"""Pre-loaded kernels: import ipykernel and pandas once, then fork one kernel per notebook.

Starting a Python kernel costs about a second of CPU, most of it importing IPython, ipykernel
and pandas. A grading worker starts one *zygote* process that imports them once; jupyter_client's
local provisioner is then pointed at :func:`launch_kernel`, which asks the zygote to fork a
fresh child that runs the ordinary ``ipykernel_launcher`` main with the usual command line,
environment and working folder. Each notebook still gets its own new process (nothing is
shared between learners: a fork is a copy), in its own session so that interrupts and kills
reach it exactly as with a normal kernel. Only third-party libraries are pre-imported, never
course code, so no module state depends on where the zygote was started. numpy's BLAS is
loaded single-threaded (``OPENBLAS_NUM_THREADS=1``…): a process must not fork while a BLAS thread
pool runs, and the grading workers already keep every core busy.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "numpy", "pandas")
SINGLE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
ENABLED = True  # the worker turns it off to retry a notebook whose kernel died


class ForkedKernel:
    """The ``subprocess.Popen`` subset jupyter_client uses, for a kernel forked by the zygote."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
                with open(f"/proc/{self.pid}/stat", "rb") as fh:
                    if fh.read().split(b") ", 1)[1][:1] == b"Z":
                        self.returncode = -9
            except (ProcessLookupError, FileNotFoundError):
                self.returncode = -9
        return self.returncode

    def wait(self, timeout=None):
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, sig):
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def terminate(self):
        self.send_signal(signal.SIGTERM)


class Zygote:
    """Client side, in the grading worker."""

    def __init__(self):
        env = dict(os.environ, **{name: "1" for name in SINGLE_THREAD})
        self.proc = subprocess.Popen([sys.executable, "-m", "grader.toolchain.zygote"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                                     text=True, bufsize=1)
        self.lock = threading.Lock()
        ready = self.proc.stdout.readline()
        if not ready.startswith("{"):
            raise RuntimeError("zygote not ready")

    def fork(self, argv, env, cwd) -> ForkedKernel:
        with self.lock:
            self.proc.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": cwd}) + "\n")
            self.proc.stdin.flush()
            answer = self.proc.stdout.readline()
        if not answer:
            raise RuntimeError("zygote died")
        return ForkedKernel(json.loads(answer)["pid"])


def install(zygote: Zygote) -> None:
    """Make jupyter_client's local provisioner start python kernels through the zygote."""
    from jupyter_client.provisioning import local_provisioner

    original = local_provisioner.launch_kernel

    def launch_kernel(cmd, stdin=None, stdout=None, stderr=None, env=None, independent=False,
                      cwd=None, **kw):
        if ENABLED and len(cmd) >= 3 and cmd[1:3] == ["-m", "ipykernel_launcher"] and os.path.samefile(cmd[0], sys.executable):
            env = dict(env or os.environ)
            if not independent:  # as jupyter_client does: the kernel dies with its parent
                env["JPY_PARENT_PID"] = str(zygote.proc.pid)
            return zygote.fork(cmd, env, cwd or os.getcwd())
        return original(cmd, stdin=stdin, stdout=stdout, stderr=stderr, env=env,
                        independent=independent, cwd=cwd, **kw)

    local_provisioner.launch_kernel = launch_kernel


def _child(request: dict) -> None:
    """In the forked child (already in its own session): become an ordinary ipykernel process."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for name in SINGLE_THREAD:  # what the loaded BLAS really uses
        os.environ[name] = "1"
    sys.argv = ["ipykernel_launcher", *request["argv"][3:]]
    if request["env"].get("JPY_PARENT_PID"):  # the trait's default was read when the zygote started
        sys.argv.append(f"--IPKernelApp.parent_handle={int(request['env']['JPY_PARENT_PID'])}")
    sys.path[0] = ""
    from ipykernel import kernelapp
    kernelapp.launch_new_instance()


def serve() -> None:
    import importlib
    for name in PRELOAD:
        importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    out.write("{}\n")
    for line in sys.stdin:
        request = json.loads(line)
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(rfd)
                sys.stdin.close()
                out.close()
                os.setsid()  # before the worker learns the pid: it signals the process group
                os.write(wfd, b"1")
                os.close(wfd)
                _child(request)
            finally:
                os._exit(0)
        os.close(wfd)
        os.read(rfd, 1)
        os.close(rfd)
        out.write(json.dumps({"pid": pid}) + "\n")


if __name__ == "__main__":
    serve()

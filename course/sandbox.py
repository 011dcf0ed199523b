"""Running untrusted student code: each grading kernel in a bubblewrap sandbox, with rlimits.

nbgrader's ``Execute`` preprocessor starts one Jupyter kernel per notebook through a
jupyter_client ``KernelManager``. ``SandboxedExecute`` gives it ``SandboxedKernelManager``,
which launches the kernel as ``bwrap ... python -c LIMITS -m ipykernel_launcher -f FILE``:

- the kernel sees only the operating system's files, the Python installation, the course's
  ``server`` package (exercises import it), and two folders of its own, the only places it
  may write: a copy of its working folder, at the working folder's path, and ``/tmp``. Both
  are deleted with the kernel, and the grader never reads them, so a link student code
  leaves there leads nowhere. Not the solutions, the gradebook, other students' work or the
  rest of the repository;
- it runs in new namespaces (``--unshare-all``): its own network with only a loopback (the
  exercises start their reference server there), its own process ids, no environment
  inherited (``--clearenv``), and dies with the grader (``--die-with-parent``);
- the kernel talks to the grader over ZeroMQ's ``ipc`` transport: Unix sockets in a folder
  both sides see, which work across network namespaces (TCP on the host loopback would not);
- when the grader runs as root, the kernel runs as an unprivileged user of its own (one uid
  per student, via ``setpriv``, with no capabilities left), so the process limit counts only
  that student's processes (Linux never applies ``RLIMIT_NPROC`` to root);
- rlimits on CPU time, address space (memory), processes and file size are set inside the
  sandbox just before the kernel starts, and are inherited by everything it starts.
- a cell that runs too long is interrupted by a message on the kernel's control channel:
  a signal would reach bubblewrap, not the kernel inside it. A kernel that ignores the
  interrupt and spins is stopped by its CPU-time limit.

Where bubblewrap is missing or cannot create namespaces, the rlimits still apply and
``probe()`` says loudly what is not protected.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, Unicode

from nbclient.util import run_sync
from nbgrader.preprocessors import Execute

# Defaults, per kernel. Memory is address space (RLIMIT_AS): a kernel running the reference
# server uses about 0.7 GiB of it, most of it thread stacks reserved but never touched.
MEMORY_BYTES = 2 * 1024**3
CPU_SECONDS = 120  # a kernel that ignores interrupts and spins is stopped by this
PROCESSES = 256  # threads count too: the reference server alone starts 16
FILE_BYTES = 64 * 1024**2
OUTPUT_CHARS = 100_000  # output kept per cell; the rest is dropped while it arrives
NOTEBOOK_OUTPUT_CHARS = 2_000_000  # and per notebook
NOTEBOOK_SECONDS = 600  # a whole notebook's running time, whatever the limit per cell
CARRIES_OUTPUT = {"stream", "display_data", "execute_result", "update_display_data",
                  "comm_open", "comm_msg"}
TRUNCATED = "output truncated by the grader"
# Seconds spent, in this process, starting kernels, running cells and stopping kernels, since
# the grader last cleared it: one student's share, read after their notebooks ran.
PHASES = {}
FIRST_UID = 200_000  # sandbox users: FIRST_UID + the student's number in the class

# Run inside the sandbox: set the limits, then become the kernel. argv: limits JSON, command.
LIMITER = ("import json, os, resource, sys\n"
           "for name, value in json.loads(sys.argv[1]).items():\n"
           "    resource.setrlimit(getattr(resource, name), (value, value))\n"
           "os.execv(sys.argv[2], sys.argv[2:])\n")


@dataclass(frozen=True)
class Sandbox:
    """How kernels will be isolated on this machine: found once by ``probe()``."""

    bwrap: str | None  # path of bwrap, or None when kernels run unsandboxed
    setpriv: str | None  # path of setpriv when the grader is root and can drop to a sandbox uid
    warning: str = ""  # what is not protected, when something is not

    @property
    def config(self):
        """Settings for ``SandboxedKernelManager``, as ``{"Class.trait": value}`` overrides."""
        return {"SandboxedKernelManager.bwrap": self.bwrap or "",
                "SandboxedKernelManager.setpriv": self.setpriv or ""}


def _try(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    return "" if done.returncode == 0 else (done.stderr.strip() or f"exit {done.returncode}")


def probe(bwrap=shutil.which("bwrap")):
    """Find out whether bubblewrap works here, and as which user the kernels will run."""
    unprotected = ("student code will run with your rights: it can read the solutions, the "
                   "gradebook and other students' work, write anywhere you can, and reach the "
                   "network. Only its CPU time, memory and processes are limited.")
    if not bwrap:
        return Sandbox(None, None, "bubblewrap (bwrap) is not installed, so " + unprotected
                       + " Fix: install it (apt-get install bubblewrap, dnf install "
                       "bubblewrap, ...) and grade again.")
    setpriv = shutil.which("setpriv") if os.geteuid() == 0 else None
    test = [sys.executable, "-c", "pass"]  # this Python, started the way kernels are
    with tempfile.TemporaryDirectory(prefix="course-probe-") as tmp:
        problem = _try(sandbox_command(bwrap, setpriv, FIRST_UID, tmp) + test)
        if problem and setpriv:
            setpriv, problem = None, _try(sandbox_command(bwrap, None, FIRST_UID, tmp) + test)
    if problem:
        return Sandbox(None, None, f"bubblewrap cannot create a sandbox here ({problem}), so "
                       + unprotected + " Fix: allow unprivileged user namespaces "
                       "(sysctl kernel.unprivileged_userns_clone=1), or grade on a machine "
                       "where `bwrap --unshare-all --ro-bind / / true` works.")
    if os.geteuid() == 0 and not setpriv:
        return Sandbox(bwrap, None, "grading as root without setpriv: student code is "
                       "sandboxed, but runs as root inside it, so its process limit does not "
                       "apply (a fork bomb can exhaust the machine's processes). Fix: install "
                       "util-linux's setpriv, or grade as an ordinary user.")
    return Sandbox(bwrap, setpriv)


def sandbox_command(bwrap, setpriv, uid, tmp, binds=()):
    """bwrap's command line, up to the command it runs; ``tmp`` is the folder seen as /tmp.

    /tmp is mounted first, so that what lies below it on the host (a checkout or a
    virtual environment in /tmp) is mounted on top of it rather than hidden by it.

    As an ordinary user, bwrap makes a user namespace and the kernel runs as that user. As
    root, it makes none (it would map only root), keeps just the capabilities to change user,
    and ``setpriv`` inside drops to ``uid`` with no capabilities at all, before the kernel.
    """
    if setpriv:
        spaces = ["--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try",
                  "--unshare-net", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                  "--cap-add", "CAP_SETPCAP"]
        after = [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all", "--"]
    else:
        spaces = ["--unshare-all"]
        after = []
    return [bwrap, *spaces, "--die-with-parent", "--clearenv", "--bind", str(tmp), "/tmp",
            *system_binds(), "--proc", "/proc", "--dev", "/dev", *binds, "--", *after]


def bind(source, dest=None, writable=False):
    """bwrap's arguments to mount ``source`` at ``dest``, its parent folders made first.

    bwrap makes missing parents itself, but as root with mode 0700, which the unprivileged
    sandbox user could not enter; here they are made 0755 (an existing one is left as it is).
    """
    dest = str(dest or source)
    made = []
    for parent in reversed(Path(dest).parents[:-1]):
        made += ["--perms", "0755", "--dir", str(parent)]
    return made + ["--bind" if writable else "--ro-bind", str(source), dest]


def system_binds():
    """Read-only binds for the operating system and this Python: never the repository."""
    binds = []
    for name in ("usr", "etc", "opt"):
        if os.path.isdir(f"/{name}"):
            binds += ["--ro-bind", f"/{name}", f"/{name}"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        path = f"/{name}"
        if os.path.islink(path):
            binds += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            binds += ["--ro-bind", path, path]
    for prefix in sorted({sys.base_prefix, sys.prefix}):
        if not prefix.startswith("/usr/"):
            binds += bind(prefix)
    return binds


def package_binds(names=("server", "course")):
    """Read-only binds for the course's own packages that exercises import (``server``, and
    ``course`` for its helpers such as ``course.services``), found where this Python imports them from (an editable install points into the checkout)."""
    from importlib.util import find_spec

    binds = []
    for name in names:
        spec = find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            if not folder.startswith(sys.prefix):
                binds += bind(folder)
    return binds


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel in bubblewrap, with rlimits, over ``ipc``."""

    bwrap = Unicode("", help="bwrap's path; empty: no sandbox, rlimits only").tag(config=True)
    setpriv = Unicode("", help="setpriv's path, to run the sandbox as `uid`").tag(config=True)
    uid = Integer(FIRST_UID, help="the unprivileged user the sandbox runs as").tag(config=True)
    memory_bytes = Integer(MEMORY_BYTES, help="address-space limit").tag(config=True)
    cpu_seconds = Integer(CPU_SECONDS, help="CPU-time limit of the kernel").tag(config=True)
    processes = Integer(PROCESSES, help="process (and thread) limit").tag(config=True)
    file_bytes = Integer(FILE_BYTES, help="largest file the kernel may write").tag(config=True)
    work_root = Unicode("", help="the grader's working folder (holding WORK_MARKER); only "
                        "working copies inside it are given to the sandbox user").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The kernel's channels are Unix sockets beside its connection file, in a folder of
        # its own (short: a socket's path must fit in 107 bytes), shared with the sandbox.
        self._channels = tempfile.mkdtemp(prefix="course-kernel-")
        self._scratch = None
        self.transport = "ipc"
        self.connection_file = os.path.join(self._channels, "kernel.json")
        self.ip = os.path.join(self._channels, "kernel-ipc")

    def cleanup_connection_file(self):
        super().cleanup_connection_file()
        shutil.rmtree(self._channels, ignore_errors=True)
        if self._scratch:  # rmtree never follows the links student code may have left
            shutil.rmtree(self._scratch, ignore_errors=True)

    def limits(self):
        limits = {"RLIMIT_AS": self.memory_bytes, "RLIMIT_CPU": self.cpu_seconds,
                  "RLIMIT_FSIZE": self.file_bytes, "RLIMIT_CORE": 0}
        if self.setpriv or os.geteuid() != 0:  # root ignores RLIMIT_NPROC anyway
            limits["RLIMIT_NPROC"] = self.processes
        return limits

    def scratch(self, cwd):
        """A copy of the working folder for the kernel to write in, and a /tmp of its own.

        The kernel never gets the folder nbgrader works in: the grader, as root, writes the
        graded notebook there afterwards, and would follow any link student code had left.
        Nor does the copy hold notebooks: the one being graded is there with the instructor's
        test cells, hidden ones included, put back; the kernel gets its cells over its
        channels and needs no notebook file.
        Both folders are on disk under ``work_root`` (a /tmp in memory would count against
        no limit), given to the sandbox user, and deleted with the kernel.
        """
        root = Path(self.work_root or "/nonexistent")
        if not (root / WORK_MARKER).is_file():
            raise RuntimeError(f"no {WORK_MARKER} in {root}: the sandbox needs the grader's "
                               "working folder. Fix: set SandboxedKernelManager.work_root.")
        self._scratch = tempfile.mkdtemp(prefix=".sandbox-", dir=root)
        work, tmp = Path(self._scratch) / "work", Path(self._scratch) / "tmp"
        shutil.copytree(cwd, work, symlinks=True, ignore=NOT_FOR_THE_KERNEL)
        tmp.mkdir()
        if self.setpriv:
            chown_tree(self._scratch, self.uid, self.work_root)
        return work, tmp

    def wrap(self, command, cwd):
        """The kernel command, wrapped in rlimits and (when available) bubblewrap."""
        python, rest = command[0], command[1:]
        limited = [python, "-c", LIMITER, json.dumps(self.limits()), python, *rest]
        if not self.bwrap:
            return limited
        channels = self._channels
        work, tmp = self.scratch(cwd)
        # JPY_PARENT_PID=1: the kernel's parent is in another process namespace; 1 tells
        # ipykernel not to watch it (--die-with-parent does that) nor print a console notice.
        environment = {"HOME": "/tmp", "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
                       "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
                       "JPY_PARENT_PID": "1", "MPLCONFIGDIR": "/tmp",
                       "IPYTHONDIR": "/tmp/.ipython"}
        binds = [*package_binds(), *bind(channels, writable=True),
                 *bind(work, cwd, writable=True)]
        for key, value in environment.items():
            binds += ["--setenv", key, value]
        binds += ["--chdir", cwd]
        if self.setpriv:
            for path in [channels, *Path(channels).iterdir()]:  # made by __init__
                os.chown(path, self.uid, self.uid)
        return sandbox_command(self.bwrap, self.setpriv, self.uid, tmp, binds) + limited

    async def _async_interrupt_kernel(self):
        """Interrupt by message: a signal would reach bubblewrap, not the kernel inside it."""
        if not self.bwrap:
            return await super()._async_interrupt_kernel()
        if self.has_kernel:
            self._connect_control_socket()
            self.session.send(self._control_socket,
                              self.session.msg("interrupt_request", content={}))

    interrupt_kernel = _async_interrupt_kernel

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        cwd = str(Path(kw.get("cwd") or os.getcwd()).resolve())
        if self.bwrap:
            kw["env"] = {}  # the sandbox sets its own; the grader's may hold secrets
        return await super()._async_launch_kernel(self.wrap(kernel_cmd, cwd), **kw)


NOT_FOR_THE_KERNEL = shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints")
WORK_MARKER = ".course-grade-work"  # put by the grader at the top of its working folders


def chown_tree(folder, uid, work_root):
    """Give a student's working copy to its sandbox user: only a folder strictly inside
    ``work_root``, which must carry WORK_MARKER, so a mistake can never hand over /tmp."""
    folder, root = Path(folder).resolve(), Path(work_root or "/nonexistent").resolve()
    if root not in folder.parents or not (root / WORK_MARKER).is_file():
        raise RuntimeError(f"refusing to change the owner of {folder}: it is not a working "
                           f"copy inside {root} (no {WORK_MARKER} there). Cause: the kernel "
                           "was started outside `course grade`'s working folder. Fix: set "
                           "SandboxedKernelManager.work_root to that folder.")
    os.chown(folder, uid, uid)
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            os.chown(os.path.join(parent, name), uid, uid, follow_symlinks=False)


class SandboxedExecute(Execute):
    """nbgrader's Execute with sandboxed kernels, output capped as it arrives, and a deadline.

    nbgrader's own ``LimitOutput`` trims lines after the notebook has run, when a flood of
    output is already in memory; here every message that carries output (display updates and
    widget messages included) is counted as it comes, per cell and per notebook, and dropped
    past the cap. A notebook that runs past ``notebook_timeout`` in all (many slow cells, each
    under the per-cell limit) has its remaining cells skipped.
    """

    output_chars = Integer(OUTPUT_CHARS, help="output characters kept per cell").tag(config=True)
    notebook_output_chars = Integer(NOTEBOOK_OUTPUT_CHARS,
                                    help="output characters kept per notebook").tag(config=True)
    notebook_timeout = Integer(NOTEBOOK_SECONDS,
                               help="seconds a whole notebook may run").tag(config=True)
    store_widget_state = Bool(False).tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)
        self._kept, self._total, self._started, self._spent = {}, 0, 0.0, {}

    def process_message(self, msg, cell, cell_index):
        if msg["msg_type"] in CARRIES_OUTPUT:
            size = len(json.dumps(msg.get("content", {})))
            kept = self._kept.get(cell_index, 0)
            self._kept[cell_index] = kept + size
            self._total += size
            if kept + size > self.output_chars or self._total > self.notebook_output_chars:
                if not any(TRUNCATED in output.get("text", "") for output in cell.outputs):
                    from nbformat.v4 import new_output

                    cell.outputs.append(new_output("stream", name="stderr", text=(
                        f"\n... {TRUNCATED}: more than {self.output_chars} characters in a "
                        f"cell or {self.notebook_output_chars} in the notebook ...\n")))
                return None
        return super().process_message(msg, cell, cell_index)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and time.monotonic() - self._started > self.notebook_timeout:
            from nbformat.v4 import new_output

            cell.outputs = [new_output("error", ename="NotebookTimeoutError", traceback=[],
                                       evalue=f"not run: the notebook ran for more than "
                                              f"{self.notebook_timeout} s in all")]
            return cell, resources
        return super().preprocess_cell(cell, resources, index)

    def preprocess(self, nb, resources=None, km=None):
        self._kept, self._total, self._started, self._spent = {}, 0, time.monotonic(), {}
        try:
            return super().preprocess(nb, resources, km)
        finally:
            PHASES["cells"] = PHASES.get("cells", 0.0) + (
                time.monotonic() - self._started - sum(self._spent.values()))
            for phase, seconds in self._spent.items():
                PHASES[phase] = PHASES.get(phase, 0.0) + seconds

    # The time the kernel takes to start and stop, apart from the time its cells run: where
    # a student's grading time goes (``PHASES``; the grading benchmark prints it).
    async def async_start_new_kernel(self, **kwargs):
        with self._timed("kernel start"):
            return await super().async_start_new_kernel(**kwargs)

    async def async_start_new_kernel_client(self):
        with self._timed("kernel start"):
            return await super().async_start_new_kernel_client()

    async def _async_cleanup_kernel(self):
        with self._timed("kernel stop"):
            return await super()._async_cleanup_kernel()

    start_new_kernel = run_sync(async_start_new_kernel)
    start_new_kernel_client = run_sync(async_start_new_kernel_client)
    _cleanup_kernel = run_sync(_async_cleanup_kernel)

    @contextmanager
    def _timed(self, phase):
        started = time.monotonic()
        try:
            yield
        finally:
            self._spent[phase] = self._spent.get(phase, 0.0) + time.monotonic() - started

"""Start and stop the Neo4j test server (Launcher.java on the Neo4j 5.26 test harness).

Used by tests/conftest.py and benchmarks/bench_push.py (loaded by path: this folder is no package).

>>> with HarnessServer(workdir, password="kg-test-password") as uri:   # doctest: +SKIP
...     push(G, uri, ("neo4j", "kg-test-password"))

The server listens on 127.0.0.1 only, on a free port, and exits when this process closes its
standard input -- so it never outlives the Python process that started it, even a killed one.
"""
from __future__ import annotations

import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPS = HERE / "deps"
PREPARE = HERE / "prepare.sh"
LAUNCHER = HERE / "Launcher.java"
JVM_OPENS = (
    "--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.io=ALL-UNNAMED",
)
READY = "kg-neo4j-harness: ready "
#: The main class of neo4j-admin (what bin/neo4j-admin runs), from the jars of deps/:
#: org.neo4j:neo4j-command-line, with `database import` from org.neo4j:neo4j-import-tool.
NEO4J_ADMIN_MAIN = "org.neo4j.cli.AdminTool"
STORE_DUMP = HERE / "StoreDump.java"


def java_missing() -> str | None:
    """Why the harness cannot run here (no ``java`` on PATH), or None."""
    if shutil.which("java") is None:
        return "java not found on PATH: the Neo4j tests start an in-process Neo4j 5.26 and need Java 17+ " \
               "(or point KG_NEO4J_URI at a throwaway Neo4j 5 server)"
    return None


def jars_ready() -> bool:
    stamp = DEPS / ".pom.sha256"
    return stamp.is_file() and any(DEPS.glob("neo4j-harness-*.jar"))


def ensure_jars(timeout: float = 900) -> None:
    """Run prepare.sh (idempotent: a no-op when deps/ matches pom.xml; else Maven fetches the jars)."""
    proc = subprocess.run(["bash", str(PREPARE)], capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{PREPARE} failed ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-2000:]}")


class HarnessServer:
    """One Neo4j server in a child JVM; ``start()`` returns its Bolt URI.

    ``password``: enable authentication (user ``neo4j``); ``tls_dir``: also accept TLS on the Bolt
    port with the certificate in that folder (made there, self-signed, if missing).
    """

    def __init__(self, workdir: str | os.PathLike, *, password: str | None = None,
                 tls_dir: str | os.PathLike | None = None, heap: str = "1g", start_timeout: float = 300):
        self.workdir = Path(workdir)
        self.password = password
        self.tls_dir = Path(tls_dir) if tls_dir else None
        self.heap = heap
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.uri: str | None = None
        self.log_path = self.workdir / "launcher.log"

    def command(self) -> list[str]:
        cmd = ["java", f"-Xmx{self.heap}", "-XX:+UseParallelGC", *JVM_OPENS, "-cp", str(DEPS / "*"),
               str(LAUNCHER), "--dir", str(self.workdir / "server"), "--exit-on-stdin-eof"]
        if self.password:
            cmd += ["--password", self.password]
        if self.tls_dir:
            cmd += ["--tls", str(self.tls_dir)]
        return cmd

    def start(self) -> str:
        if not jars_ready():
            ensure_jars()
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "w")
        self.proc = subprocess.Popen(self.command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=log, text=True, cwd=self.workdir)
        log.close()
        lines: queue.Queue = queue.Queue()

        def read() -> None:
            assert self.proc and self.proc.stdout
            for line in self.proc.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=read, daemon=True, name="neo4j-harness-stdout").start()
        deadline = time.monotonic() + self.start_timeout
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                self.stop()
                raise RuntimeError(f"the Neo4j test server did not start within {self.start_timeout:.0f} s; "
                                   f"see {self.log_path}: {self._log_tail()}") from None
            if line is None:
                code = self.proc.wait()
                raise RuntimeError(f"the Neo4j test server exited ({code}) before it was ready: {self._log_tail()}")
            if line.startswith(READY):
                self.uri = line[len(READY):].strip().rstrip("/")
                return self.uri

    def _log_tail(self, n: int = 1500) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:].strip() or "(empty log)"
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 30) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()  # the launcher shuts Neo4j down cleanly and exits
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# ------------------------------------------------------------------------------------------
# neo4j-admin and the stores it writes (tests of `neo4j-admin database import full`)


def neo4j_admin_shim(bin_dir: str | os.PathLike, home: str | os.PathLike, heap: str = "512m") -> Path:
    """Write an executable ``bin_dir/neo4j-admin`` that runs the real neo4j-admin of the jars in
    deps/ (``java ... org.neo4j.cli.AdminTool "$@"``) on the Neo4j home ``home`` (created, with an
    empty ``conf/``), so that a command written for an installed Neo4j runs as written with
    ``bin_dir`` first on PATH. Returns the script's path."""
    if not jars_ready():
        ensure_jars()
    home, bin_dir = Path(home).resolve(), Path(bin_dir)
    (home / "conf").mkdir(parents=True, exist_ok=True)
    bin_dir.mkdir(parents=True, exist_ok=True)
    script = bin_dir / "neo4j-admin"
    script.write_text(
        "#!/bin/sh\n"
        f"NEO4J_HOME='{home}' NEO4J_CONF='{home / 'conf'}' exec java -Xmx{heap} -XX:+UseSerialGC "
        f"-cp '{DEPS}/*' {NEO4J_ADMIN_MAIN} \"$@\"\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def dump_store(home: str | os.PathLike, database: str = "neo4j", timeout: float = 600) -> tuple[list[dict], list[dict]]:
    """Every node ``{"labels", "properties"}`` and relationship ``{"start", "type", "end",
    "properties"}`` (start and end: the ``id`` property of the nodes) of a store under ``home``,
    read by StoreDump.java in a child JVM."""
    import json

    cmd = ["java", "-Xmx512m", "-XX:+UseSerialGC", *JVM_OPENS, "-cp", str(DEPS / "*"), str(STORE_DUMP),
           str(Path(home).resolve()), database]
    proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"StoreDump failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-2000:]}")
    nodes, rels = [], []
    for line in proc.stdout.decode("utf-8").split("\n"):  # (not splitlines: a value may hold U+2028)
        if line.startswith("{"):
            rec = json.loads(line)
            (nodes if "node" in rec else rels).append(rec.get("node") or rec.get("rel"))
    return nodes, rels

"""A throwaway PostgreSQL cluster on a loopback port for the database tests (initdb + pg_ctl, as the postgres user when root)."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    """One running cluster; ``stop(immediate=True)`` is a crash, ``start()`` brings it back on the same port."""

    directory: Path
    port: int

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        _run([_need("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.directory / "postgres.log"), "-w", "-t", "30", "start"])

    def stop(self, immediate: bool = False) -> None:
        _run([_need("pg_ctl"), "-D", str(self.data), "-m", "immediate" if immediate else "fast", "-w", "-t", "30", "stop"], check=False)

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _need(name: str) -> str:
    found = _binary(name)
    if found is None:
        pytest.skip(f"PostgreSQL's {name} is not installed (apt-get install postgresql)")
    return found


def _run(command: list[str], check: bool = True) -> None:
    if os.geteuid() == 0:  # postgres refuses to run as root
        command = ["runuser", "-u", "postgres", "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, cwd="/")
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stdout[-2000:]} {result.stderr[-2000:]}")


def cluster() -> Iterator[Cluster]:
    """Start a cluster in a new temporary directory; stop it and remove the directory afterwards."""
    _need("initdb")
    directory = Path(tempfile.mkdtemp(prefix="cocreate-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    running = Cluster(directory, free_port())
    try:
        _run([_need("initdb"), "-D", str(running.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--locale=C"])
        running.start()
        yield running
    finally:
        running.stop(immediate=True)
        shutil.rmtree(directory, ignore_errors=True)

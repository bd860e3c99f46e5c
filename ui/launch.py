"""`cocreate ui`: start the Streamlit app from wherever the `ui` package is installed."""
from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from importlib import resources
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``streamlit run`` on the installed app file; the server's exit code."""
    parser = argparse.ArgumentParser(prog="cocreate ui", description="Start the Streamlit app (headless; open the printed address).")
    parser.add_argument("--port", type=int, help="port to serve on (default: Streamlit's, 8501)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    with resources.as_file(resources.files("ui") / "app.py") as app:
        # No file watcher: a served app must not rerun users' pages because a file on disk changed.
        command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
        if args.port:
            command += ["--server.port", str(args.port)]
        server = subprocess.Popen(command)
        # Stopping `cocreate ui` stops the server: a SIGTERM or SIGHUP (a service manager, a closed terminal) is passed
        # on, so no orphaned server keeps the port. Ctrl-C reaches both through the terminal already.
        for stop in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(stop, lambda signum, _frame: server.send_signal(signum))
        try:
            return server.wait()
        except KeyboardInterrupt:
            server.send_signal(signal.SIGINT)
            return server.wait()

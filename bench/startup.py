#!/usr/bin/env python3
"""Startup to first prompt: runs `planscope` (release) on a pseudo-terminal with the demo
workspace and measures until `planscope>` is written. Prints the median and p90 of N
runs. Usage: bench/startup.py [runs]
"""
import os, pty, select, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
subprocess.run(["swift", "build", "-c", "release", "--product", "planscope"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
binary = os.path.join(ROOT, ".build", "release", "planscope")
env = dict(os.environ, XDG_STATE_HOME=tempfile.mkdtemp(), TERM="xterm-256color")
times = []
for _ in range(runs):
    master, slave = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen([binary], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen = b""
    while b"planscope>" not in seen:
        r, _, _ = select.select([master], [], [], 10)
        if not r:
            raise SystemExit("no prompt within 10 s")
        seen += os.read(master, 4096)
    times.append((time.perf_counter() - start) * 1000)
    os.write(master, b"\\q\n")
    proc.wait(timeout=10)
    os.close(master)
times.sort()
print(f"startup to first prompt, {runs} runs: median {statistics.median(times):.1f} ms, "
      f"p90 {times[int(0.9 * (len(times) - 1))]:.1f} ms, min {times[0]:.1f} ms")

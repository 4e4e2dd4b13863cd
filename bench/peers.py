"""The one way the benchmarks find their peers: run under .build-venv's Python (where
.ci/ensure-deps --bench installs the pinned duckdb, duckdb-ext-tpch and datafusion)."""
import os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".build-venv")


def use_bench_venv(modules=("duckdb", "datafusion")):
    """Returns when `modules` import; otherwise re-runs this script under the venv's
    Python if there is one, else exits with one line saying what to run."""
    try:
        for m in modules:
            __import__(m)
        return
    except ImportError as e:
        missing = e.name
    python = os.path.join(VENV, "bin", "python")
    if os.path.exists(python) and os.path.abspath(sys.prefix) != os.path.abspath(VENV):
        os.execv(python, [python] + sys.argv)
    sys.exit(f"{os.path.basename(sys.argv[0])}: Python module '{missing}' is missing; "
             f"run .ci/ensure-deps --bench first (it installs the pinned peers into .build-venv)")

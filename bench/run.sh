#!/bin/sh
# One command for every benchmark: bench/run.sh lists them, bench/run.sh NAME [ARGS…] runs one
# (bench/__main__.py); bench/run.sh --size 10000 is the corpus-size harness (bench/run.py).
# The packages come first, with the `bench` extra (Whoosh) that the benchmarks need.
set -e
cd "$(dirname "$0")/.."
bin/setup --packages-only
exec .venv/bin/python -m bench "$@"

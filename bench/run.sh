#!/bin/sh
# One command for every benchmark figure: bench/run.sh --size 10000 (see bench/run.py).
cd "$(dirname "$0")/.." && exec .venv/bin/python -m bench.run "$@"

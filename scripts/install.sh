#!/usr/bin/env bash
# Set up .venv for kkrnlp: the CPU build of torch first (a bare `torch` requirement
# would pull several GB of CUDA packages), then kkrnlp itself.
#   bash scripts/install.sh        # to run kkrnlp
#   bash scripts/install.sh test   # also the test tools
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet torch==2.13.0
if [ "${1:-}" = "test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test]"
else
    .venv/bin/python -m pip install --quiet -e .
fi

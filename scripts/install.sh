#!/usr/bin/env bash
# Set up .venv for kkrnlp.
#   bash scripts/install.sh        # everything: kkrnlp, training extras ([train])
#   bash scripts/install.sh test   # the same plus the test tools ([test])
#   bash scripts/install.sh tag    # only what parse/tag/summarize/digest need (no torch)
# For training, the CPU build of torch goes in first: a bare `torch` requirement
# would pull several GB of CUDA packages.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
# setuptools >= 77 reads pyproject's license field; the tests build the wheel with it
"${pip[@]}" --upgrade pip "setuptools>=77"
case "${1:-}" in
    tag) "${pip[@]}" . ;;
    test) "${pip[@]}" torch==2.13.0 && "${pip[@]}" -e ".[train,test]" ;;
    "") "${pip[@]}" torch==2.13.0 && "${pip[@]}" -e ".[train]" ;;
    *) echo "usage: bash scripts/install.sh [test|tag]" >&2; exit 2 ;;
esac

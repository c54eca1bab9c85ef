.DEFAULT_GOAL := help
PY := .venv/bin/python
SHARED ?= ../shared

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install: ## Create .venv with the CPU build of torch and kkrnlp[train,test]
	bash scripts/install.sh test

demo: ## Parse, tag, summarize the bundled example and write its digest
	.venv/bin/kkrnlp digest examples/kkr-nordjylland-dagsorden.md --from 2026-06-01 --to 2026-06-30 --format md --out out/digest.md
	cat out/digest.md

test: ## Run the test suite
	$(PY) -m pytest -q

lint: ## ruff check + format check
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

eval: ## Every quality figure of the README's Numbers (needs ../shared; about 9 minutes)
	$(PY) scripts/eval_parse.py --shared $(SHARED)
	.venv/bin/kkrnlp evaluate --gold $(SHARED)/gold/dev.jsonl $(SHARED)/seeds/*.txt --out out/eval
	.venv/bin/kkrnlp evaluate --gold $(SHARED)/real/gold.jsonl $(SHARED)/real/docs/*.txt --out out/evaluate_real
	$(PY) scripts/eval_tags_real.py --cv
	$(PY) scripts/eval_summaries.py --shared $(SHARED) --real
	$(PY) scripts/eval_cap.py $(SHARED)/cap/lpa_items.csv --layers --out out/cap_cv.json
	$(PY) scripts/check_encoder_agreement.py --shared $(SHARED) --out out/encoder_agreement.json

bench: ## Benchmarks: parsing, the encoder, tagging, training, the whole pipeline
	$(PY) scripts/bench_parse.py --out out/bench_parse.json
	$(PY) scripts/bench_encoder.py --out out/bench_encoder.json
	$(PY) scripts/bench_tag.py --out out/bench_tag.json
	$(PY) scripts/bench_train.py --out out/bench_train.json
	$(PY) scripts/bench_pipeline.py --out out/bench_pipeline.json

.PHONY: help install demo test lint eval bench

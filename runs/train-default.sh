#!/usr/bin/env bash
# Trains Ponder's default model from scratch on every task (Instant and Thinking targets) within the 60-minute
# budget of a 2-core machine, then exports it as GGUF beside its checkpoints and curves.
# PROVISIONAL: depth, steps and batch are not yet sized by a full run. The 10-minute addition experiment at depth 4
# (bench/RESULTS.md, "Training") reached ~2–5k tokens/s on this shared machine and had not yet learned to copy
# operands after ~1M tokens, so the schedule below spends the whole hour; re-size it from a measured run.
# Resume after an interruption: rerun with --resume (checkpoints every 100 steps, the last two kept).
set -euo pipefail
cd "$(dirname "$0")/.."
./ponder train --depth "${DEPTH:-6}" --tasks all --thinking-fraction 0.7 \
  --steps "${STEPS:-1500}" --minutes 58 --batch-tokens 8192 --micro-batch-tokens 4096 \
  --lr 3e-3 --warmup 50 --val-every 250 --val-problems 64 --checkpoint-every 100 \
  --threads "${THREADS:-0}" --export "${EXPORT:-Q8_0}" --out "${OUT:-runs/default}" "$@"

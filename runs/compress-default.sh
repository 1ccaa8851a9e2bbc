#!/usr/bin/env bash
# Compresses an SFT model's thinking (default models/ponder-sft.gguf) by GRPO with a length penalty on correct
# samples (ponder compress), within the 60-minute budget of a 2-core machine; checkpoints, curves and the exported model land in runs/compress-default/.
# This is the run that made models/ponder-rl-v5.gguf from models/ponder-sft.gguf (the first SFT model): 1,000 steps,
# 36.5 min of run time on one core. For ponder-sft-v2 (longer thoughts) raise --max-thinking-tokens first.
# Choices, each measured (bench/RESULTS.md, "Thought compression"):
#   sigmoid reward (Arora & Zanette) over ShorterBetter's "shortest": in two 14-minute pilots side by side it kept more
#     accuracy for its cut (84 → 57 tokens per correct answer at 50% → 38%, against 84 → 42 at 50% → 28%);
#   α 0.8 after 20 steps of correctness only and a 40-step ramp: α 0.4 over 750 steps cut 42% (test) and gained
#     2.8 points (ponder-rl-v4); α 0.8 over 1,000 steps cut 66% for −2.7 points; α 0.6 ended lower on validation;
#   a cosine decay of the rate (1.2e-4 → 1.2e-5 over the run) instead of a constant 1e-4: the constant-rate run lost 3.7
#     points of test accuracy, the decayed ones gained 1.6–2.8;
#   thoughts capped at 320 tokens while sampling (the SFT model's correct thoughts are ≤ 325 tokens in 99% of cases):
#     a rambling sample no longer holds the whole batch for 512 steps;
#   no KL term: KL 0.05 held validation accuracy but cut only 25% (α 0.4) or 39% (α 0.8); KL 0.02 at α 0.8 was worse
#     than no KL on validation in both accuracy and length.
# THREADS=1 leaves the other core to evaluations running beside it.
# Then: runs/ship-compressed.sh (NAME, RUN) evaluates before/after on the test split and installs the winner.
set -euo pipefail
cd "$(dirname "$0")/.."
./ponder compress --from "${FROM:-models/ponder-sft.gguf}" --tasks all --group 16 --prompts 4 --temperature 1.0 \
  --max-thinking-tokens 320 --reward sigmoid --alpha 0.8 --penalty-warmup 20 --penalty-ramp 40 --lr 1.2e-4 \
  --min-lr-fraction 0.1 --steps "${STEPS:-1000}" --minutes 58 --eval-every 50 --eval-problems 128 --checkpoint-every 10 \
  --seed 1 --threads "${THREADS:-1}" --export F16 --out "${OUT:-runs/compress-default}" "$@"

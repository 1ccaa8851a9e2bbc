#!/usr/bin/env bash
# Compresses the shipped SFT model's thinking by GRPO with a length penalty on correct samples (ponder compress), within
# the 60-minute budget of a 2-core machine; checkpoints, curves and the exported model land in runs/compress-default/.
# Choices, from two 14-minute pilots side by side (same prompts and seeds, lr 2e-4, α 0.4; validation 64 problems):
#   sigmoid reward (Arora & Zanette): reasoning tokens per correct answer 84 → 57, Thinking 50% → 38%
#   shortest reward (ShorterBetter):  84 → 42, Thinking 50% → 28%
# The sigmoid reward kept more accuracy for its cut, so it is the default; the long run halves the rate (1e-4) and
# delays the penalty (20 steps of correctness only, then a 40-step ramp) so accuracy can recover while thoughts shrink.
# THREADS=1 leaves the other core to the baseline's evaluation (ponder eval) running beside it.
# Then: evaluate before/after on the test split (see models/README.md) and install the winner as models/ponder.gguf.
set -euo pipefail
cd "$(dirname "$0")/.."
./ponder compress --from "${FROM:-models/ponder-sft.gguf}" --tasks all --group 16 --prompts 4 --temperature 1.0 \
  --max-thinking-tokens 512 --reward sigmoid --alpha 0.4 --penalty-warmup 20 --penalty-ramp 40 --lr 1e-4 \
  --steps "${STEPS:-2000}" --minutes 58 --eval-every 25 --eval-problems 128 --checkpoint-every 10 --seed 1 \
  --threads "${THREADS:-1}" --export F16 --out "${OUT:-runs/compress-default}" "$@"

#!/usr/bin/env bash
# Installs a trained run (default runs/default, from runs/train-default.sh) as Ponder's shipped model and measures it:
#   1. models/ponder.gguf ← the run's exported GGUF; its curves → models/card/
#   2. the eval table of the model card (held-out test split, 33 problems per task level: 1,023 at trained levels and
#      594 beyond; Instant and Thinking greedy, Contemplating-8 with agents sampling at 0.7) → artifacts/eval/ponder
#   3. export parity on the trained model: TorchSharp vs llama.cpp greedy on 12 problems per trained level
# models/README.md (the model card) quotes these outputs; update it by hand when they change.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${RUN:-runs/default}"
[[ -f "$RUN/model.gguf" ]] || { echo "ship: $RUN/model.gguf not found; run runs/train-default.sh first." >&2; exit 1; }
mkdir -p models/card
cp "$RUN/model.gguf" models/ponder.gguf.tmp && mv models/ponder.gguf.tmp models/ponder.gguf
cp "$RUN/loss.png" "$RUN/accuracy.png" "$RUN/metrics.csv" "$RUN/config.json" models/card/
./ponder eval --models models/ponder.gguf --suites tasks --modes instant,thinking,contemplating-8 --count 33 \
  --temperature 0 --agent-temperature 0.7 --budget 512 --answer-tokens 48 --concurrency 16 --out "${EVAL_OUT:-artifacts/eval/ponder}"
cp "${EVAL_OUT:-artifacts/eval/ponder}"/summary.md models/card/eval.md
cp "${EVAL_OUT:-artifacts/eval/ponder}"/*.png models/card/
PONDER_PARITY_PER_LEVEL=12 dotnet test tests/Ponder.Training.Tests --filter "FullyQualifiedName~ShippedModelParity" \
  --logger "console;verbosity=detailed" | grep -E "test problems|Passed|Failed" || true

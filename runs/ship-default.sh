#!/usr/bin/env bash
# Installs a trained SFT run (default runs/default, from runs/train-default.sh) as Ponder's SFT baseline,
# models/ponder-sft.gguf, with its curves in models/card/ — the starting point of runs/compress-default.sh, whose
# result runs/ship-compressed.sh installs as models/ponder.gguf (the shipped default).
# Measures: export parity on the trained model (TorchSharp vs llama.cpp greedy on 12 problems per trained level).
# models/README.md (the model card) quotes these outputs; update it by hand when they change.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${RUN:-runs/default}"
[[ -f "$RUN/model.gguf" ]] || { echo "ship: $RUN/model.gguf not found; run runs/train-default.sh first." >&2; exit 1; }
mkdir -p models/card
cp "$RUN/model.gguf" models/ponder-sft.gguf.tmp && mv models/ponder-sft.gguf.tmp models/ponder-sft.gguf
cp "$RUN/loss.png" "$RUN/accuracy.png" "$RUN/metrics.csv" "$RUN/config.json" models/card/
PONDER_PARITY_PER_LEVEL=12 dotnet test tests/Ponder.Training.Tests \
  --filter "FullyQualifiedName~ShippedModelParity" --logger "console;verbosity=detailed" | grep -E "test problems|Passed|Failed" || true

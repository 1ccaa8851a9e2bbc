#!/usr/bin/env bash
# Measures a thought-compression run (default runs/compress-default, from runs/compress-default.sh) against its SFT
# starting point models/ponder-sft.gguf, and installs it as Ponder's shipped model, models/ponder.gguf:
#   1. the run's model → models/NAME.gguf (NAME labels it in the reports), its curves → models/card/compress/
#   2. before/after on the held-out test split (33 problems per task level: 1,023 at trained levels, 594 beyond),
#      greedy: Instant, Thinking, and Thinking under budgets 32–128 (the budget-forcing frontier the compressed model
#      must beat) → artifacts/eval/compression, models/card/eval.md and its plots
#   3. the Ponder Index of both models with Contemplating-8 (12 problems per task level; agents sample at 0.7)
#      → artifacts/eval/index, models/card/index.md and its plot
#   4. models/ponder.gguf ← the candidate (byte-identical), then export parity of both shipped models (TorchSharp vs
#      llama.cpp greedy on 12 problems per trained level)
# Eval folders resume and grow, so items already answered (the SFT model's, or another candidate's) are not answered
# again. Install only a candidate that wins (INSTALL=0 measures without installing). models/README.md (the model
# card) quotes these outputs; update it by hand when they change.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${RUN:-runs/compress-default}"
NAME="${NAME:-ponder-rl}"
[[ -f "$RUN/model.gguf" ]] || { echo "ship: $RUN/model.gguf not found; run runs/compress-default.sh first." >&2; exit 1; }
[[ -f models/ponder-sft.gguf ]] || { echo "ship: models/ponder-sft.gguf not found; run runs/ship-default.sh first." >&2; exit 1; }
mkdir -p models/card/compress
cmp -s "$RUN/model.gguf" "models/$NAME.gguf" || { cp "$RUN/model.gguf" "models/$NAME.gguf.tmp" && mv "models/$NAME.gguf.tmp" "models/$NAME.gguf"; }
candidate="models/$NAME.gguf"
./ponder eval --models "models/ponder-sft.gguf,$candidate" --suites tasks \
  --modes instant,thinking,thinking@32,thinking@64,thinking@96,thinking@128 --count 33 --temperature 0 --budget 512 \
  --answer-tokens 48 --concurrency 16 --out artifacts/eval/compression
./ponder eval --models "models/ponder-sft.gguf,$candidate" --suites tasks --modes instant,thinking,contemplating-8 \
  --count 12 --temperature 0 --agent-temperature 0.7 --budget 512 --answer-tokens 48 --concurrency 8 --out artifacts/eval/index
[[ "${INSTALL:-1}" == 1 ]] || exit 0
cp "$RUN/training.png" "$RUN/validation.png" "$RUN/metrics.csv" "$RUN/config.json" models/card/compress/
cp artifacts/eval/compression/summary.md models/card/eval.md
cp artifacts/eval/compression/accuracy-vs-tokens.png artifacts/eval/compression/accuracy-by-level.png models/card/
cp artifacts/eval/index/summary.md models/card/index.md
cp artifacts/eval/index/accuracy-vs-tokens.png models/card/index-accuracy-vs-tokens.png
cp "$candidate" models/ponder.gguf.tmp && mv models/ponder.gguf.tmp models/ponder.gguf
PONDER_PARITY_PER_LEVEL=12 dotnet test tests/Ponder.Training.Tests --filter "FullyQualifiedName~ShippedModelParity" \
  --logger "console;verbosity=detailed" | grep -E "test problems|Passed|Failed" || true

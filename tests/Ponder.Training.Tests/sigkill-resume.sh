#!/usr/bin/env bash
# Kills `ponder train` with SIGKILL mid-run, resumes it, and checks that it ends exactly where an uninterrupted run
# ends: the same losses at every step and a byte-identical exported model. (The unit tests simulate the kill
# in-process; this does it for real.) Run from the repository root: tests/Ponder.Training.Tests/sigkill-resume.sh
set -euo pipefail
root="$(pwd)"; work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
./ponder --help >/dev/null 2>&1 || true   # build once
ponder() { dotnet "$root/artifacts/cli/ponder.dll" "$@"; }
args=(train --depth 2 --context 256 --tasks addition:1-2 --batch-tokens 1024 --micro-batch-tokens 512 --steps 30
      --lr 0.01 --warmup 2 --val-every 0 --checkpoint-every 4 --log-every 1 --export F32 --threads 1)

ponder "${args[@]}" --out "$work/whole" > /dev/null 2>&1
ponder "${args[@]}" --out "$work/killed" > "$work/killed.log" 2>&1 &
pid=$!
until [[ -f "$work/killed/ckpt-0000012.bin" ]]; do sleep 0.2; done
sleep 1
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
echo "killed at: $(grep -o 'step [0-9]*/30' "$work/killed.log" | tail -1); checkpoints: $(ls "$work/killed" | grep ckpt | tr '\n' ' ')"
ponder train --resume --out "$work/killed" 2>&1 | grep -E "resuming|warning|done"
cut -d, -f1,2 "$work/whole/metrics.csv" > "$work/a"; cut -d, -f1,2 "$work/killed/metrics.csv" > "$work/b"
diff "$work/a" "$work/b" && echo "losses identical at all $(($(wc -l < "$work/a") - 1)) steps"
cmp "$work/whole/model.gguf" "$work/killed/model.gguf" && echo "exported models byte-identical: $(sha256sum < "$work/whole/model.gguf" | cut -c1-16)"

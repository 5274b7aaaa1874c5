#!/bin/sh
# npm run train: the baseline pipeline, reproducible end to end.
#   1. training/simulate.py    seeded synthetic raw records (the API's input format + label)
#   2. npm run build-features  the training table, computed by the serving app's feature code
#   3. training/train.py       PyTorch training, ONNX export, metrics.json and profile.json
# PYTHON selects the interpreter (it needs torch, onnx and numpy); OUT the model directory.
# RAW, when set, names labelled production records (JSON lines in the API's input format with a
# label, e.g. exported review batches once labelled) to train on instead of the simulator.
set -eu
PYTHON="${PYTHON:-python3}"
OUT="${OUT:-model}"
WORK="${WORK:-data/training}"
mkdir -p "$WORK"
if [ -n "${RAW:-}" ]; then
  cp "$RAW" "$WORK/raw.jsonl"
else
  "$PYTHON" training/simulate.py --out "$WORK/raw.jsonl"
fi
node --import tsx src/cli/build-features.ts --in "$WORK/raw.jsonl" --out "$WORK"
"$PYTHON" training/train.py --table "$WORK/features.csv" --schema "$WORK/schema.json" --out "$OUT"

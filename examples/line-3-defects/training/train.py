"""Train the baseline classifier on the feature table and export it to ONNX.

Input: the table that `npm run build-features` writes (features.csv and its schema JSON), so
the features are computed by the very code that serves. Output, in --out:
- model.onnx: input "features" float32 [batch, F] (raw features; standardisation is inside
  the graph), output "probabilities" float32 [batch, C] in the schema's class order;
- metrics.json: accuracy, precision, recall, F1 and the confusion matrix on a time-ordered
  hold-out (the last 20 % of records, so drift in the data shows in the figures);
- profile.json: per-feature range, mean, deviation, decile bin edges and proportions of the
  training split; the serving app uses it for out-of-distribution checks and drift (PSI).

Reproducible: fixed seed, one thread, deterministic full-batch training, and an ONNX file with
no timestamps, so the same table gives byte-identical model.onnx (this is tested).
"""

import argparse
import csv
import json
import os

import numpy as np
import onnx
import torch

BINS = 10


def load_table(table_path, schema_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    features, classes = schema["features"], schema["classes"]
    rows, labels = [], []
    with open(table_path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != features + ["label"]:
            raise SystemExit(f"{table_path}: header {reader.fieldnames} does not match {schema_path}")
        for row in reader:
            rows.append([float(row[name]) for name in features])
            labels.append(classes.index(row["label"]))
    return features, classes, np.asarray(rows, dtype=np.float32), np.asarray(labels, dtype=np.int64)


class Classifier(torch.nn.Module):
    def __init__(self, mean, std, n_classes):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean))
        self.register_buffer("std", torch.tensor(std))
        width = mean.shape[0]
        self.net = torch.nn.Sequential(
            torch.nn.Linear(width, 32),
            torch.nn.ReLU(),
            torch.nn.Linear(32, 16),
            torch.nn.ReLU(),
            torch.nn.Linear(16, n_classes),
        )

    def forward(self, features):
        return torch.softmax(self.net((features - self.mean) / self.std), dim=1)


def train(x, y, n_classes, seed, epochs):
    torch.manual_seed(seed)
    mean = x.mean(axis=0)
    std = np.maximum(x.std(axis=0), 1e-6).astype(np.float32)
    model = Classifier(mean.astype(np.float32), std, n_classes)
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    # Rare defects: weight classes by inverse frequency (square-rooted, so the rare class is
    # not over-called) so the minority class is not ignored.
    weights = torch.tensor(np.sqrt(counts.sum() / np.maximum(counts, 1.0)), dtype=torch.float32)
    loss_fn = torch.nn.NLLLoss(weight=weights)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    inputs, targets = torch.from_numpy(x), torch.from_numpy(y)
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(torch.log(model(inputs) + 1e-9), targets)
        loss.backward()
        optimizer.step()
    return model.eval()


def evaluate(model, x, y, classes, positive):
    with torch.no_grad():
        predicted = model(torch.from_numpy(x)).argmax(dim=1).numpy()
    n = len(classes)
    confusion = np.zeros((n, n), dtype=np.int64)
    for actual, guess in zip(y, predicted):
        confusion[actual, guess] += 1
    p = classes.index(positive)
    tp = int(confusion[p, p])
    fp = int(confusion[:, p].sum() - tp)
    fn = int(confusion[p, :].sum() - tp)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "accuracy": round(float((predicted == y).mean()), 6),
        "positiveClass": positive,
        "precision": round(precision, 6),
        "recall": round(recall, 6),
        "f1": round(f1, 6),
        "confusion": {"classes": classes, "matrix": confusion.tolist()},
        "samples": int(len(y)),
    }


def profile(x, features):
    entries = []
    for i, name in enumerate(features):
        column = x[:, i].astype(np.float64)
        edges = np.unique(np.quantile(column, np.linspace(0, 1, BINS + 1)[1:-1]))
        counts = np.bincount(np.searchsorted(edges, column, side="right"), minlength=len(edges) + 1)
        entries.append(
            {
                "name": name,
                "min": round(float(column.min()), 6),
                "max": round(float(column.max()), 6),
                "mean": round(float(column.mean()), 6),
                "std": round(float(column.std()), 6),
                "binEdges": [round(float(e), 6) for e in edges],
                "binProportions": [round(float(c) / len(column), 6) for c in counts],
            }
        )
    return {"samples": int(x.shape[0]), "features": entries}


def export(model, width, path):
    example = torch.zeros((1, width), dtype=torch.float32)
    torch.onnx.export(
        model,
        example,
        path,
        input_names=["features"],
        output_names=["probabilities"],
        dynamic_axes={"features": {0: "batch"}, "probabilities": {0: "batch"}},
        opset_version=13,
        do_constant_folding=True,
    )
    # Pin what varies between machines and releases, so the bytes depend only on the weights.
    graph = onnx.load(path)
    graph.producer_name = "poc2prod-training"
    graph.producer_version = "1"
    graph.doc_string = ""
    onnx.checker.check_model(graph)
    onnx.save(graph, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", required=True, help="features CSV from npm run build-features")
    parser.add_argument("--schema", required=True, help="its schema JSON (feature and class names)")
    parser.add_argument("--positive", help="class counted for precision and recall (default: the schema's)")
    parser.add_argument("--out", required=True, help="directory for model.onnx, metrics.json, profile.json")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--epochs", type=int, default=300)
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    features, classes, x, y = load_table(args.table, args.schema)
    with open(args.schema, encoding="utf-8") as f:
        positive = args.positive or json.load(f)["positiveClass"]
    split = int(len(y) * 0.8)
    model = train(x[:split], y[:split], len(classes), args.seed, args.epochs)
    # Round the weights: float noise from a different CPU's kernels (last bits) then cannot
    # change the exported bytes, and the metrics describe exactly the shipped model.
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(torch.round(parameter * 1e5) / 1e5)

    os.makedirs(args.out, exist_ok=True)
    export(model, len(features), os.path.join(args.out, "model.onnx"))
    metrics = {
        "split": {"train": split, "test": int(len(y) - split), "order": "time (last 20 % held out)"},
        "seed": args.seed,
        "epochs": args.epochs,
        "test": evaluate(model, x[split:], y[split:], classes, positive),
        "train": evaluate(model, x[:split], y[:split], classes, positive),
    }
    with open(os.path.join(args.out, "metrics.json"), "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "profile.json"), "w", encoding="utf-8") as f:
        json.dump({"classes": classes, **profile(x[:split], features)}, f, indent=2)
        f.write("\n")
    print(json.dumps({"model": os.path.join(args.out, "model.onnx"), **metrics["test"]}))


if __name__ == "__main__":
    main()

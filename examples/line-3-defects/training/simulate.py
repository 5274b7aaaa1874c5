"""Seeded synthetic inline-inspection data for the quality-inspection baseline.

Each record is exactly the body of POST /v1/predict (the station telemetry sampled at 10 Hz
while one part was under the camera, as contracts/sensors.asyncapi.yaml describes it) plus its
label, so the training table is built from it by the serving app's own feature code
(npm run build-features): no train/serve skew.

What makes it production-like rather than curated:
- sensor noise on every signal, and 0.5 % label noise (QC makes mistakes too);
- rare defects (about 4 % of parts) of three kinds: porosity (a hot, unevenly heated part),
  cracks (the conveyor shakes as the part passes) and dimensional faults (the conveyor
  stutters, so the part sits wrong under the camera);
- drift: the hall warms up over the run (+2 degC on every part by the end), so the later
  test split differs from the training split;
- gaps: about 3 % of samples are lost, so parts have uneven sample spacing; and about 0.5 %
  of parts carry an impossible reading that validation rejects;
- edge cases: 1 % of good parts pass under a failing lamp (low illuminance).
"""

import argparse
import datetime as dt
import json

import numpy as np

BASE_TIME = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.timezone.utc)


def part(rng, index, count):
    progress = index / count
    n = int(rng.integers(6, 13))
    speed = rng.normal(0.42, 0.006, n)
    temperature = rng.normal(38.0 + 2.0 * progress, 0.8) + rng.normal(0.0, 0.25, n)
    light = rng.normal(5200.0, 120.0, n)
    vibration = np.abs(rng.normal(1.8, 0.15, n))
    label = "ok"
    kind = rng.random()
    if kind < 0.015:
        temperature = temperature + rng.uniform(6.0, 14.0) + rng.normal(0.0, 2.0, n)
        label = "defect"
    elif kind < 0.028:
        vibration[int(rng.integers(0, n))] += rng.uniform(3.0, 8.0)
        label = "defect"
    elif kind < 0.04:
        speed = speed + rng.normal(0.0, 0.05, n)
        label = "defect"
    elif kind < 0.05:
        light = light - rng.uniform(2200.0, 3200.0)
    if rng.random() < 0.005:
        label = "defect" if label == "ok" else "ok"
    start = BASE_TIME + dt.timedelta(seconds=4 * index)
    samples = []
    for i in range(n):
        if i > 0 and rng.random() < 0.03:
            continue
        at = start + dt.timedelta(milliseconds=100 * i)
        samples.append(
            {
                "timestamp": at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z",
                "conveyorSpeed": round(float(max(speed[i], 0.0)), 4),
                "partTemperature": round(float(temperature[i]), 2),
                "illuminance": round(float(max(light[i], 0.0)), 1),
                "vibrationRms": round(float(vibration[i]), 3),
            }
        )
    if rng.random() < 0.005:
        samples[0]["illuminance"] = -1.0
    return {
        "input": {"serialNumber": f"BC220-26-{index:06d}", "station": f"plant-a/line-3/vision-{1 + index % 2}", "samples": samples},
        "label": label,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20260302)
    parser.add_argument("--count", type=int, default=8000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        for index in range(args.count):
            out.write(json.dumps(part(rng, index, args.count), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

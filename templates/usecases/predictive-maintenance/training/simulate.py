"""Seeded synthetic equipment telemetry for the predictive-maintenance baseline.

Each record is exactly the body of POST /v1/predict (a 5-second window of 10 Hz samples from
one running pump, as contracts/sensors.asyncapi.yaml describes the telemetry) plus its label,
so the training table is built from it by the serving app's own feature code
(npm run build-features): no train/serve skew.

What makes it production-like rather than curated:
- sensor noise on every signal, varying load, and 1 % label noise (maintenance logs are
  imperfect);
- rare anomalies (about 5 % of windows): bearing wear (vibration rising through the window,
  hot bearing), cavitation (erratic current, speed dips) and overload (high current, heat,
  slip);
- drift: ambient temperature rises over the run (+3 degC), so later windows run hotter;
- gaps: about 3 % of samples are missing (dropouts), so windows have uneven timestamps, and
  about 0.5 % of windows carry an impossible reading that validation rejects.
"""

import argparse
import datetime as dt
import json

import numpy as np

WINDOW = 50
BASE_TIME = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.timezone.utc)


def window(rng, index, count):
    progress = index / count
    t = np.arange(WINDOW, dtype=np.float64) / 10.0
    load = rng.uniform(0.7, 1.0)
    vibration = np.abs(rng.normal(2.3, 0.2, WINDOW)) * load
    temperature = 55.0 + 3.0 * progress + 6.0 * (load - 0.85) + rng.normal(0.0, 0.3, WINDOW)
    current = 45.0 * load + rng.normal(0.0, 0.8, WINDOW)
    speed = 1480.0 + rng.normal(0.0, 4.0, WINDOW)
    label = "normal"
    kind = rng.random()
    if kind < 0.02:
        vibration = vibration + t * rng.uniform(0.3, 0.9)
        temperature = temperature + rng.uniform(10.0, 25.0)
        label = "anomaly"
    elif kind < 0.035:
        current = current + rng.normal(0.0, 4.0, WINDOW)
        speed = speed - np.abs(rng.normal(0.0, 40.0, WINDOW))
        label = "anomaly"
    elif kind < 0.05:
        current = current * rng.uniform(1.25, 1.5)
        temperature = temperature + rng.uniform(6.0, 14.0)
        speed = speed - rng.uniform(20.0, 60.0)
        label = "anomaly"
    if rng.random() < 0.01:
        label = "anomaly" if label == "normal" else "normal"
    start = BASE_TIME + dt.timedelta(seconds=30 * index)
    samples = []
    for i in range(WINDOW):
        if i > 0 and rng.random() < 0.03:
            continue
        at = start + dt.timedelta(milliseconds=100 * i)
        samples.append(
            {
                "timestamp": at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z",
                "vibrationRms": round(float(max(vibration[i], 0.0)), 3),
                "bearingTemperature": round(float(temperature[i]), 2),
                "motorCurrent": round(float(max(current[i], 0.0)), 2),
                "rotationalSpeed": round(float(max(speed[i], 0.0)), 1),
            }
        )
    if rng.random() < 0.005:
        samples[0]["bearingTemperature"] = 999.0
    return {"input": {"asset": f"plant-a/line-3/pump-{1 + index % 12}", "samples": samples}, "label": label}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20260302)
    parser.add_argument("--count", type=int, default=6000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        for index in range(args.count):
            out.write(json.dumps(window(rng, index, args.count), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

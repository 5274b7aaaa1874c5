/** One ground-truth outcome: what the model said and what was true. */
export interface Outcome {
  predicted: string;
  actual: string;
}

export interface Scores {
  count: number;
  accuracy: number;
  /** Of the positive calls, the share that were right (NaN with no positive calls). */
  precision: number;
  /** Of the true positives, the share the model caught (NaN with no true positives). */
  recall: number;
}

/** Accuracy, precision and recall over the last `size` outcomes of one model version. */
export class RollingScores {
  private readonly outcomes: Outcome[] = [];

  constructor(
    private readonly size: number,
    private readonly positive: string,
  ) {}

  add(outcome: Outcome): void {
    this.outcomes.push(outcome);
    if (this.outcomes.length > this.size) this.outcomes.shift();
  }

  scores(): Scores {
    let correct = 0;
    let truePositive = 0;
    let predictedPositive = 0;
    let actualPositive = 0;
    for (const { predicted, actual } of this.outcomes) {
      if (predicted === actual) correct++;
      if (predicted === this.positive) predictedPositive++;
      if (actual === this.positive) actualPositive++;
      if (predicted === this.positive && actual === this.positive) truePositive++;
    }
    const count = this.outcomes.length;
    return {
      count,
      accuracy: count === 0 ? Number.NaN : correct / count,
      precision: predictedPositive === 0 ? Number.NaN : truePositive / predictedPositive,
      recall: actualPositive === 0 ? Number.NaN : truePositive / actualPositive,
    };
  }
}

/** confirmed, false-alarm (flagged but fine), missed (a real positive passed), misclassified. */
export function outcomeKind({ predicted, actual }: Outcome, positive: string): string {
  if (predicted === actual) return 'confirmed';
  if (predicted === positive) return 'false-alarm';
  if (actual === positive) return 'missed';
  return 'misclassified';
}

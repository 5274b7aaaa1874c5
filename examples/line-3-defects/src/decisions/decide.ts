/**
 * What to do with a scored input. A prediction is accepted only when the model is confident
 * AND the input looks like what it was trained on; otherwise a human reviews it and the
 * caller gets the safe default action from poc.yaml meanwhile.
 */
export interface Decision {
  decision: 'accept' | 'review';
  reasons: string[];
  /** The action to take now: only set for reviews (the safe default). */
  action?: string;
}

export function decide(
  confidence: number,
  outOfDistribution: readonly string[],
  settings: { confidenceThreshold: number; safeDefaultAction: string },
): Decision {
  const reasons = outOfDistribution.map((feature) => `out-of-distribution:${feature}`);
  if (confidence < settings.confidenceThreshold) reasons.unshift('low-confidence');
  if (reasons.length === 0) return { decision: 'accept', reasons };
  return { decision: 'review', reasons, action: settings.safeDefaultAction };
}

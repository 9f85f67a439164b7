/**
 * @module nlu/label-parts
 * Multi-intent labels (Rasa's `intent_tokenization_flag` with `intent_split_symbol`): `check_balance+transfer_money`
 * is split into the sub-intents `check_balance` and `transfer_money`. The classifier learns one weight vector per
 * sub-intent and scores a label by the sum of its sub-intents' scores (plus the label's own bias), so a combined
 * label borrows the evidence of the single intents, as DIET's bag-of-sub-intents label embedding does. As in Rasa,
 * only labels seen in training can be predicted, and the prediction is the joined label.
 */

export interface LabelParts {
  /** The distinct sub-intents, sorted. */
  parts: string[];
  /** For each label, the indices of its sub-intents in `parts`. */
  ofLabel: Int32Array[];
}

/** Each label as its own single part: the plain softmax classifier. */
export function identityParts(labels: readonly string[]): LabelParts {
  return { parts: [...labels], ofLabel: labels.map((_, i) => Int32Array.of(i)) };
}

/** Splits `labels` on `symbol`; without a symbol (the flag is off) every label is its own part. */
export function splitLabels(labels: readonly string[], symbol: string | null): LabelParts {
  if (!symbol) return identityParts(labels);
  const subIntents = (label: string) => {
    const pieces = label.split(symbol).filter((p) => p.length > 0);
    return pieces.length > 0 ? [...new Set(pieces)] : [label];
  };
  const parts = [...new Set(labels.flatMap(subIntents))].sort();
  const index = new Map(parts.map((p, i) => [p, i]));
  return { parts, ofLabel: labels.map((l) => Int32Array.from(subIntents(l), (p) => index.get(p) ?? 0)) };
}

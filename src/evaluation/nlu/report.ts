/**
 * @module evaluation/nlu/report
 * Classification reports in the JSON shape `rasa test nlu` writes (scikit-learn's `classification_report(...,
 * output_dict=True)` plus Rasa's `confused_with`): per label `precision`, `recall`, `f1-score`, `support`,
 * `confused_with` (the labels it was most often mistaken for), then `accuracy` (or `micro avg` when a label such
 * as `no_entity` is excluded), `macro avg` and `weighted avg`. Zero divisions give 0, never NaN.
 */

export interface LabelScores {
  precision: number;
  recall: number;
  "f1-score": number;
  support: number;
  confused_with?: Record<string, number>;
}

export type ClassificationReport = Record<string, LabelScores | number>;

const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number): number => div(2 * p * r, p + r);

/** Rasa lists at most this many confusions per label, most frequent first. */
const CONFUSIONS = 3;

export function classificationReport(
  gold: readonly string[],
  predicted: readonly string[],
  exclude: string | null = null,
): ClassificationReport {
  const labels = [...new Set([...gold, ...predicted])].filter((l) => l !== exclude).sort();
  const report: ClassificationReport = {};
  let tpAll = 0;
  let predAll = 0;
  let supportAll = 0;
  const macro = { precision: 0, recall: 0, f1: 0 };
  const weighted = { precision: 0, recall: 0, f1: 0 };
  for (const label of labels) {
    let tp = 0;
    let predCount = 0;
    let support = 0;
    const confused = new Map<string, number>();
    gold.forEach((g, i) => {
      const p = predicted[i] as string;
      if (p === label) predCount++;
      if (g === label) {
        support++;
        if (p === label) tp++;
        else confused.set(p, (confused.get(p) ?? 0) + 1);
      }
    });
    const precision = div(tp, predCount);
    const recall = div(tp, support);
    const scores: LabelScores = { precision, recall, "f1-score": f1(precision, recall), support };
    scores.confused_with = Object.fromEntries(
      [...confused].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CONFUSIONS),
    );
    report[label] = scores;
    tpAll += tp;
    predAll += predCount;
    supportAll += support;
    macro.precision += precision;
    macro.recall += recall;
    macro.f1 += scores["f1-score"];
    weighted.precision += precision * support;
    weighted.recall += recall * support;
    weighted.f1 += scores["f1-score"] * support;
  }
  const n = labels.length;
  if (exclude === null) report.accuracy = div(tpAll, gold.length);
  else {
    const p = div(tpAll, predAll);
    const r = div(tpAll, supportAll);
    report["micro avg"] = { precision: p, recall: r, "f1-score": f1(p, r), support: supportAll };
  }
  report["macro avg"] = {
    precision: div(macro.precision, n),
    recall: div(macro.recall, n),
    "f1-score": div(macro.f1, n),
    support: supportAll,
  };
  report["weighted avg"] = {
    precision: div(weighted.precision, supportAll),
    recall: div(weighted.recall, supportAll),
    "f1-score": div(weighted.f1, supportAll),
    support: supportAll,
  };
  return report;
}

/** Counts per (gold, predicted) pair over `labels` (rows gold, columns predicted). */
export function confusionMatrix(
  gold: readonly string[],
  predicted: readonly string[],
): { labels: string[]; counts: number[][] } {
  const labels = [...new Set([...gold, ...predicted])].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  gold.forEach((g, i) => {
    const row = counts[index.get(g) as number] as number[];
    const col = index.get(predicted[i] as string) as number;
    row[col] = (row[col] as number) + 1;
  });
  return { labels, counts };
}

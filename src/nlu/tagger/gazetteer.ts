/**
 * @module nlu/tagger/gazetteer
 * Every value annotated in the training data, by label: a token inside a known value of label X gets a feature
 * naming X and its BILOU position in that value, so multi-word names seen in training ("the dark side of the moon")
 * are found whole. While training, a sentence does not see its own annotations (leave-one-out), so the tagger
 * learns how far to trust a value it has seen elsewhere, which is the situation at parse time.
 */
import type { Token } from "../tokenizer.js";

/** Values longer than this many tokens are rare and only slow down matching. */
const MAX_VALUE_TOKENS = 8;

/** Each known value (lower-cased tokens joined by a space) with the label indexes it was annotated with. */
export type GazetteerJson = [value: string, labels: number[]][];

export interface OwnValue {
  value: string;
  label: number;
}

export const valueKey = (tokens: readonly Token[], from: number, to: number): string =>
  tokens
    .slice(from, to)
    .map((t) => t.lower)
    .join(" ");

export class Gazetteer {
  /** Every word sequence a known value starts with (the values included): a span stops growing once it leaves them. */
  private readonly prefixes = new Set<string>();

  private constructor(private readonly values: Map<string, Map<number, number>>) {
    for (const value of values.keys()) {
      for (let end = value.indexOf(" "); end >= 0; end = value.indexOf(" ", end + 1)) {
        this.prefixes.add(value.slice(0, end));
      }
      this.prefixes.add(value);
    }
  }

  static build(annotated: readonly OwnValue[]): Gazetteer {
    const values = new Map<string, Map<number, number>>();
    for (const { value, label } of annotated) {
      if (value === "" || value.split(" ").length > MAX_VALUE_TOKENS) continue;
      let labels = values.get(value);
      if (!labels) values.set(value, (labels = new Map<number, number>()));
      labels.set(label, (labels.get(label) ?? 0) + 1);
    }
    return new Gazetteer(values);
  }

  /**
   * Per token, the gazetteer features: `B|I|L|U:label` for every known value covering it. `own` lists the
   * sentence's own annotations, which do not count (training only).
   */
  hits(tokens: readonly Token[], own: readonly OwnValue[] = []): string[][] {
    const out: string[][] = tokens.map(() => []);
    if (this.values.size === 0) return out;
    for (let from = 0; from < tokens.length; from++) {
      let key = "";
      for (let to = from + 1; to <= Math.min(tokens.length, from + MAX_VALUE_TOKENS); to++) {
        key = to === from + 1 ? (tokens[from] as Token).lower : `${key} ${(tokens[to - 1] as Token).lower}`;
        if (!this.prefixes.has(key)) break;
        const labels = this.values.get(key);
        if (!labels) continue;
        for (const [label, count] of labels) {
          const ownCount = own.filter((o) => o.label === label && o.value === key).length;
          if (count <= ownCount) continue;
          for (let i = from; i < to; i++) {
            const part = to - from === 1 ? "U" : i === from ? "B" : i === to - 1 ? "L" : "I";
            (out[i] as string[]).push(`${part}:${label}`);
          }
        }
      }
    }
    return out;
  }

  toJSON(): GazetteerJson {
    return [...this.values]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([value, labels]) => {
        return [value, [...labels.keys()].sort((a, b) => a - b)];
      });
  }

  static fromJSON(json: GazetteerJson): Gazetteer {
    return new Gazetteer(new Map(json.map(([value, labels]) => [value, new Map(labels.map((l) => [l, 1]))])));
  }
}

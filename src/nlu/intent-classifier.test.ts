import { describe, expect, it } from "vitest";
import type { NluExample } from "../model/index.js";
import { trainNlu } from "./index.js";
import { seededRandom } from "./prng.js";
import { softmax } from "./softmax.js";

describe("softmax", () => {
  it("is stable for extreme and empty inputs", () => {
    expect([...softmax([1000, 1000])]).toEqual([0.5, 0.5]);
    expect([...softmax([-Infinity, 0])]).toEqual([0, 1]);
    expect([...softmax([NaN, NaN])]).toEqual([0.5, 0.5]);
    expect(softmax([]).length).toBe(0);
  });
});

/** 50 intents, each with its own vocabulary, plus words shared by all: a stand-in for a large real bot. */
function syntheticExamples(count: number, seed: number): NluExample[] {
  const random = seededRandom(seed);
  const word = (i: number) => `w${i.toString(36)}q${(i * 7919) % 997}`;
  return Array.from({ length: count }, (_, n) => {
    const intent = n % 50;
    const length = 3 + Math.floor(random() * 8);
    const words = Array.from({ length }, () =>
      random() < 0.6 ? word(intent * 40 + Math.floor(random() * 40)) : word(2000 + Math.floor(random() * 300)),
    );
    return { text: words.join(" "), intent: `intent_${intent}`, entities: [] };
  });
}

describe("intent classifier at scale", () => {
  it("trains 10k examples in seconds, generalises, and stays compact", { timeout: 60_000 }, () => {
    const examples = syntheticExamples(12_000, 3);
    const train = examples.slice(0, 10_000);
    const test = examples.slice(10_000);
    const start = process.cpuUsage();
    const model = trainNlu(
      { examples: train, synonyms: {}, regexes: [], lookups: [] },
      { pipeline: [], language: "en" },
    );
    const used = process.cpuUsage(start);
    const cpuSeconds = (used.user + used.system) / 1e6;
    // CPU time, not wall time: other test files and jobs share CI's two cores. The speed target itself is checked
    // by `npm run bench:nlu` (BANKING77, 10k examples, ≤ 30 s); this only catches a gross regression.
    expect(cpuSeconds).toBeLessThan(20);
    // Some short synthetic sentences contain only shared words, so perfect accuracy is impossible.
    const correct = test.filter((ex) => (model.parse(ex.text).intent as { name?: string }).name === ex.intent).length;
    expect(correct / test.length).toBeGreaterThan(0.85);
    // Most (feature, intent) weights are never updated and not saved: a dense model would be several times larger.
    expect(JSON.stringify(model.toJSON()).length).toBeLessThan(15_000_000);
  });
});

describe("balanced batches (DIETClassifier's batch_strategy)", () => {
  // 60 examples of a frequent intent and 3 of a rare one, both about cards.
  const examples: NluExample[] = [
    ...Array.from({ length: 60 }, (_, i) => ({
      text: ["card fees", "card limits", "card colours", "card fees please"][i % 4] as string,
      intent: "card_info",
      entities: [],
    })),
    ...["card stolen", "stolen card", "card gone"].map((text) => ({ text, intent: "lost_card", entities: [] })),
  ];
  const data = { examples, synonyms: {}, regexes: [], lookups: [] };
  const train = (diet: Record<string, unknown>) =>
    trainNlu(data, {
      pipeline: [
        { name: "WhitespaceTokenizer" },
        { name: "CountVectorsFeaturizer" },
        { name: "CountVectorsFeaturizer", analyzer: "char_wb", min_ngram: 1, max_ngram: 4 },
        { name: "DIETClassifier", ...diet },
      ],
      language: "en",
      seed: 42,
    });
  const confidence = (model: ReturnType<typeof train>, text: string, intent: string) =>
    model.parse(text).intent_ranking?.find((r) => r.name === intent)?.confidence ?? 0;

  it("gives a rare intent more of an ambiguous sentence than `batch_strategy: sequence` does", () => {
    const balanced = train({});
    const sequence = train({ batch_strategy: "sequence" });
    expect(confidence(balanced, "card", "lost_card")).toBeGreaterThan(confidence(sequence, "card", "lost_card") + 0.02);
    // Smaller batches balance harder: the borderline sentence changes intent.
    const small = train({ batch_size: [8, 32] });
    expect(small.parse("what about my card").intent?.name).toBe("lost_card");
    expect(sequence.parse("what about my card").intent?.name).toBe("card_info");
    // Clear sentences stay where they belong.
    expect(small.parse("card fees please").intent?.name).toBe("card_info");
  });
});

/**
 * @module actions/responses/select
 * Choosing a response variation as Rasa 3.x's `TemplatedNaturalLanguageGenerator` does
 * (`rasa-protocol.md` §6.4, docs responses.mdx): the first non-empty group of
 * (1) matching conditional variations for this channel, (2) unconditional ones for this channel,
 * (3) matching conditional ones without a channel, (4) unconditional ones without a channel;
 * then a uniformly random pick within that group.
 */
import type { ResponseVariation } from "../../model/index.js";
import { pyEquals } from "./python-values.js";

/** Every slot condition holds; compared with Python's `==`, a missing slot counts as `None`. */
export function matchesConditions(variation: ResponseVariation, slots: Readonly<Record<string, unknown>>): boolean {
  return (variation.condition ?? []).every((c) =>
    pyEquals(Object.hasOwn(slots, c.name) ? slots[c.name] : null, c.value),
  );
}

/** The variations Rasa would pick from, or `[]`. */
export function eligibleVariations(
  variations: readonly ResponseVariation[],
  slots: Readonly<Record<string, unknown>>,
  channel: string | null | undefined,
): ResponseVariation[] {
  // An empty `condition: []` is neither "no condition" nor a truthy condition in Rasa, so such a
  // variation is never chosen.
  const unconditional = variations.filter((v) => v.condition == null);
  const conditional = variations.filter(
    (v) => v.condition != null && v.condition.length > 0 && matchesConditions(v, slots),
  );
  const forChannel = (vs: ResponseVariation[]) => vs.filter((v) => v.channel != null && v.channel === channel);
  const noChannel = (vs: ResponseVariation[]) => vs.filter((v) => v.channel == null);
  const groups = [forChannel(conditional), forChannel(unconditional), noChannel(conditional), noChannel(unconditional)];
  return groups.find((g) => g.length > 0) ?? [];
}

/** Picks a variation, or `null` when none is eligible. `random` returns a number in [0, 1). */
export function selectVariation(
  variations: readonly ResponseVariation[],
  slots: Readonly<Record<string, unknown>>,
  channel: string | null | undefined,
  random: () => number = Math.random,
): ResponseVariation | null {
  const eligible = eligibleVariations(variations, slots, channel);
  if (eligible.length === 0) return null;
  const index = Math.min(eligible.length - 1, Math.max(0, Math.floor(random() * eligible.length)));
  return eligible[index] ?? null;
}

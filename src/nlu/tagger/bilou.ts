/**
 * @module nlu/tagger/bilou
 * BILOU tagging of entity annotations over tokens (Rasa's `BILOU_flag`): U = a one-token entity, B/I/L = the
 * beginning, inside and last token of a longer one, O = outside. An entity's role and group are folded into its
 * label (`entity#role@group`) so one tagger learns all three, as DIET learns them jointly.
 */
import type { EntityAnnotation } from "../../model/index.js";
import type { Token } from "../tokenizer.js";

export const OUTSIDE = 0;
const B = 0;
const I = 1;
const L = 2;
const U = 3;

export interface EntityLabel {
  entity: string;
  role?: string;
  group?: string;
}

export function labelKey(a: EntityLabel): string {
  return JSON.stringify([a.entity, a.role ?? null, a.group ?? null]);
}

export function parseLabelKey(key: string): EntityLabel {
  const [entity, role, group] = JSON.parse(key) as [string, string | null, string | null];
  const label: EntityLabel = { entity };
  if (role) label.role = role;
  if (group) label.group = group;
  return label;
}

/** Tag ids: 0 = O, then B, I, L, U for each label in order. */
export const tagCount = (labels: number): number => 1 + 4 * labels;
const tagOf = (label: number, part: number): number => 1 + 4 * label + part;
export const labelOfTag = (tag: number): number => Math.floor((tag - 1) / 4);
export const partOfTag = (tag: number): number => (tag - 1) % 4;

/** True for tags after which a new entity (or O) may start: O, L-x, U-x. */
export function isClosed(tag: number): boolean {
  if (tag === OUTSIDE) return true;
  const part = partOfTag(tag);
  return part === L || part === U;
}

/** The tags allowed right after `prev` (`-1` = sentence start), as a BILOU grammar. */
export function allowedAfter(prev: number, tag: number): boolean {
  const closedPrev = prev < 0 || isClosed(prev);
  if (tag === OUTSIDE) return closedPrev;
  const part = partOfTag(tag);
  if (part === B || part === U) return closedPrev;
  return !closedPrev && labelOfTag(prev) === labelOfTag(tag);
}

/**
 * Tags for `tokens` from the annotations; a token belongs to an annotation when they overlap. Returns the
 * annotations that cover no token (they point at nothing) so the caller can warn about them.
 */
export function encodeTags(
  tokens: readonly Token[],
  annotations: readonly EntityAnnotation[],
  labelIndex: (a: EntityAnnotation) => number,
): { tags: number[]; unmatched: EntityAnnotation[] } {
  const tags = tokens.map(() => OUTSIDE);
  const unmatched: EntityAnnotation[] = [];
  for (const a of annotations) {
    const covered: number[] = [];
    tokens.forEach((t, i) => {
      if (t.start < a.end && a.start < t.end && tags[i] === OUTSIDE) covered.push(i);
    });
    if (covered.length === 0) {
      unmatched.push(a);
      continue;
    }
    const label = labelIndex(a);
    covered.forEach((i, k) => {
      const part = covered.length === 1 ? U : k === 0 ? B : k === covered.length - 1 ? L : I;
      tags[i] = tagOf(label, part);
    });
  }
  return { tags, unmatched };
}

export interface TaggedSpan {
  label: number;
  first: number;
  last: number;
}

/** Spans from a tag sequence; tolerant of ill-formed sequences (an I without B starts a span). */
export function decodeTags(tags: readonly number[]): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  let open: TaggedSpan | null = null;
  tags.forEach((tag, i) => {
    if (tag === OUTSIDE) {
      open = null;
      return;
    }
    const label = labelOfTag(tag);
    const part = partOfTag(tag);
    if (open && open.label === label && (part === I || part === L)) open.last = i;
    else {
      open = { label, first: i, last: i };
      spans.push(open);
    }
    if (part === L || part === U) open = null;
  });
  return spans;
}

/**
 * @module nlu/entity-extractors
 * Two entity extractors:
 * - RegexEntityExtractor (Rasa semantics): every regex / lookup table named like an annotated entity yields that
 *   entity wherever it matches.
 * - ConfabEntityExtractor, Confab's stand-in for DIET's / CRF's entity recognition: values annotated in the training
 *   examples are recognised again on token boundaries (longest match first, case-insensitive). A value is only
 *   memorised when it is annotated in at least half of the training sentences it occurs in, which keeps common
 *   words that were annotated once ("good" as feedback) from being tagged everywhere; that ratio is its confidence.
 */
import type { ExtractedEntity, NluExample } from "../model/index.js";
import { findMatches, type CompiledPattern } from "./patterns.js";
import { tokenize, type Token } from "./tokenizer.js";

export const REGEX_EXTRACTOR = "RegexEntityExtractor";
export const MEMO_EXTRACTOR = "ConfabEntityExtractor";

export function extractRegexEntities(patterns: readonly CompiledPattern[], text: string): ExtractedEntity[] {
  return findMatches(patterns, text).map((m) => ({
    entity: m.name,
    start: m.start,
    end: m.end,
    value: m.text,
    confidence_entity: 1,
    extractor: REGEX_EXTRACTOR,
  }));
}

export interface MemorisedValue {
  /** Lower-cased tokens joined by single spaces. */
  key: string;
  entity: string;
  role?: string;
  group?: string;
  confidence: number;
}

const MAX_VALUE_TOKENS = 8;
const MIN_PRECISION = 0.5;

function keyOf(tokens: readonly Token[], from: number, to: number): string {
  let key = "";
  for (let i = from; i < to; i++) key += (i > from ? " " : "") + (tokens[i] as Token).lower;
  return key;
}

interface Span {
  key: string;
  start: number;
  end: number;
}

/** Longest-first, left-to-right, non-overlapping token spans whose key is in `known`. */
function matchSpans(tokens: readonly Token[], known: (key: string) => boolean, maxTokens: number): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    for (let n = Math.min(maxTokens, tokens.length - i); n >= 1; n--) {
      const key = keyOf(tokens, i, i + n);
      if (known(key)) {
        spans.push({ key, start: (tokens[i] as Token).start, end: (tokens[i + n - 1] as Token).end });
        matched = n;
        break;
      }
    }
    i += Math.max(1, matched);
  }
  return spans;
}

interface LabelTally {
  entity: string;
  role?: string;
  group?: string;
  count: number;
}

interface Tally {
  annotated: number;
  seen: number;
  labels: Map<string, LabelTally>;
}

/** Learns the memorised values from annotated examples (see the module comment for the precision rule). */
export function memoriseValues(examples: readonly NluExample[]): MemorisedValue[] {
  const tallies = new Map<string, Tally>();
  for (const ex of examples) {
    for (const a of ex.entities) {
      const tokens = tokenize(ex.text.slice(a.start, a.end));
      if (tokens.length === 0 || tokens.length > MAX_VALUE_TOKENS) continue;
      const key = keyOf(tokens, 0, tokens.length);
      const tally: Tally = tallies.get(key) ?? { annotated: 0, seen: 0, labels: new Map<string, LabelTally>() };
      tally.annotated++;
      const labelKey = JSON.stringify([a.entity, a.role ?? null, a.group ?? null]);
      const label: LabelTally = tally.labels.get(labelKey) ?? {
        entity: a.entity,
        role: a.role,
        group: a.group,
        count: 0,
      };
      label.count++;
      tally.labels.set(labelKey, label);
      tallies.set(key, tally);
    }
  }
  if (tallies.size === 0) return [];
  // Count in how many sentence positions each value occurs at all, annotated or not.
  for (const ex of examples) {
    for (const span of matchSpans(tokenize(ex.text), (k) => tallies.has(k), MAX_VALUE_TOKENS)) {
      const tally = tallies.get(span.key);
      if (tally) tally.seen++;
    }
  }
  const values: MemorisedValue[] = [];
  for (const [key, tally] of [...tallies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const confidence = Math.min(1, tally.annotated / Math.max(tally.seen, tally.annotated));
    if (confidence < MIN_PRECISION) continue;
    const labels = [...tally.labels.values()];
    const best = labels.reduce((a, b) => (b.count > a.count || (b.count === a.count && b.entity < a.entity) ? b : a));
    const sameEntity = labels.filter((l) => l.entity === best.entity);
    const value: MemorisedValue = { key, entity: best.entity, confidence: Math.round(confidence * 1e4) / 1e4 };
    // Role and group are only reported when every annotation of this value with this entity agrees.
    const roles = new Set(sameEntity.map((l) => l.role ?? null));
    const groups = new Set(sameEntity.map((l) => l.group ?? null));
    if (roles.size === 1 && best.role) value.role = best.role;
    if (groups.size === 1 && best.group) value.group = best.group;
    values.push(value);
  }
  return values;
}

export class MemorisedEntityExtractor {
  private readonly byKey: Map<string, MemorisedValue>;
  private readonly maxTokens: number;

  constructor(values: readonly MemorisedValue[]) {
    this.byKey = new Map(values.map((v) => [v.key, v]));
    this.maxTokens = values.reduce((max, v) => Math.max(max, v.key.split(" ").length), 0);
  }

  extract(text: string, tokens: readonly Token[]): ExtractedEntity[] {
    if (this.byKey.size === 0) return [];
    return matchSpans(tokens, (k) => this.byKey.has(k), this.maxTokens).map((span) => {
      const v = this.byKey.get(span.key) as MemorisedValue;
      const entity: ExtractedEntity = {
        entity: v.entity,
        start: span.start,
        end: span.end,
        value: text.slice(span.start, span.end),
        confidence_entity: v.confidence,
        extractor: MEMO_EXTRACTOR,
      };
      if (v.role) entity.role = v.role;
      if (v.group) entity.group = v.group;
      return entity;
    });
  }
}

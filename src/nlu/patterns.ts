/**
 * @module nlu/patterns
 * Regexes and lookup tables from the training data as JavaScript RegExps, shared by RegexFeaturizer and
 * RegexEntityExtractor. Rasa compiles them with Python's `re`; the common Python-only syntax is translated,
 * anything JavaScript still rejects is reported through `warn` and skipped instead of failing training.
 */
import type { LookupTable, RegexFeature } from "../model/index.js";

export interface PatternSpec {
  name: string;
  source: string;
  flags: string;
}

export interface CompiledPattern {
  name: string;
  regex: RegExp;
}

/** Translates Python `re` syntax to JavaScript; returns the source and the flags implied by inline `(?imsux)`. */
export function pythonToJsRegex(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = "";
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (inline?.[1]) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]) if ("ims".includes(f) && !flags.includes(f)) flags += f;
  }
  source = source
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, "(?<$1>")
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, String.raw`\k<$1>`)
    .replace(/\\A/g, "^")
    .replace(/\\Z/g, "$");
  return { source, flags };
}

function escapeForUnicodeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, String.raw`\$&`);
}

// Rasa wraps every lookup element in `\b...\b`; JavaScript's `\b` is ASCII-only, so use Unicode lookarounds.
const BEFORE = String.raw`(?<![\p{L}\p{N}_])`;
const AFTER = String.raw`(?![\p{L}\p{N}_])`;

export function lookupSpec(table: LookupTable, caseSensitive: boolean, wordBoundaries: boolean): PatternSpec | null {
  const elements = [...new Set(table.elements.map((e) => e.trim()).filter((e) => e.length > 0))];
  if (elements.length === 0) return null;
  // Longest first so "new york city" wins over "new york" at the same position.
  elements.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const body = elements.map(escapeForUnicodeRegex).join("|");
  const source = wordBoundaries ? `${BEFORE}(?:${body})${AFTER}` : `(?:${body})`;
  return { name: table.name, source, flags: caseSensitive ? "gu" : "giu" };
}

export function regexSpec(feature: RegexFeature, caseSensitive: boolean): PatternSpec {
  const { source, flags } = pythonToJsRegex(feature.pattern);
  let all = `g${flags}`;
  if (!caseSensitive && !all.includes("i")) all += "i";
  return { name: feature.name, source, flags: all };
}

/** Compiles a spec, trying Unicode mode first (closer to Python 3's `re`), then legacy mode. */
export function compilePattern(spec: PatternSpec): CompiledPattern | null {
  const withoutU = spec.flags.replace("u", "");
  for (const flags of [spec.flags.includes("u") ? spec.flags : `${spec.flags}u`, withoutU]) {
    try {
      return { name: spec.name, regex: new RegExp(spec.source, flags) };
    } catch {
      // try the next mode
    }
  }
  return null;
}

/** Builds and validates specs for the given regexes and lookups; invalid ones are warned about and dropped. */
export function buildPatternSpecs(
  regexes: readonly RegexFeature[],
  lookups: readonly LookupTable[],
  options: { caseSensitive: boolean; wordBoundaries: boolean; useRegexes: boolean; useLookups: boolean },
  warn: (message: string) => void,
): PatternSpec[] {
  const specs: PatternSpec[] = [];
  if (options.useRegexes) {
    for (const r of regexes) {
      const spec = regexSpec(r, options.caseSensitive);
      const compiled = compilePattern(spec);
      if (compiled) specs.push({ ...spec, flags: compiled.regex.flags });
      else warn(`Regex '${r.name}' (${r.pattern}) is not a valid regular expression here; it is ignored.`);
    }
  }
  if (options.useLookups) {
    for (const l of lookups) {
      const spec = lookupSpec(l, options.caseSensitive, options.wordBoundaries);
      if (spec && compilePattern(spec)) specs.push(spec);
    }
  }
  return specs;
}

export interface PatternMatch {
  name: string;
  start: number;
  end: number;
  text: string;
}

/** All non-empty matches of all patterns, in pattern order then position order. */
export function findMatches(patterns: readonly CompiledPattern[], text: string): PatternMatch[] {
  const matches: PatternMatch[] = [];
  for (const p of patterns) {
    p.regex.lastIndex = 0;
    for (const m of text.matchAll(p.regex)) {
      if (m[0].length === 0) continue;
      matches.push({ name: p.name, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return matches;
}

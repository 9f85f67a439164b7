/**
 * @module nlu/numbers
 * Numbers in text, digits ("3", "1,250.5") and English words ("three", "twenty one", "a hundred and five"), for the
 * `number` dimension of the Duckling-shaped extractor.
 */

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };

export interface NumberMatch {
  start: number;
  end: number;
  text: string;
  value: number;
}

const DIGITS =
  /(?<![\p{L}\p{N}.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.,])-?\d+(?:\.\d+)?(?![\p{L}\p{N}])/gu;
const WORD = /[A-Za-z]+/g;

function wordNumbers(text: string): NumberMatch[] {
  const words = [...text.matchAll(WORD)].map((m) => ({
    w: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
  const out: NumberMatch[] = [];
  let i = 0;
  while (i < words.length) {
    let total = 0;
    let current = 0;
    let j = i;
    let last = -1;
    while (j < words.length) {
      const { w } = words[j] as (typeof words)[number];
      const gapOk =
        j === i ||
        /^[\s-]*$/.test(
          text.slice((words[j - 1] as (typeof words)[number]).end, (words[j] as (typeof words)[number]).start),
        );
      if (!gapOk) break;
      if (w in UNITS) current += UNITS[w] as number;
      else if (w in SCALES && (last >= 0 || w === "hundred")) {
        const scale = SCALES[w] as number;
        if (scale === 100) current = (current || 1) * 100;
        else {
          total += (current || 1) * scale;
          current = 0;
        }
      } else if (
        (w === "and" && last >= 0 && j + 1 < words.length && (words[j + 1] as (typeof words)[number]).w in UNITS) ||
        (w === "a" && j + 1 < words.length && (words[j + 1] as (typeof words)[number]).w in SCALES)
      ) {
        j++;
        continue;
      } else break;
      last = j;
      j++;
    }
    if (last >= 0) {
      const first = words[i] as (typeof words)[number];
      const end = (words[last] as (typeof words)[number]).end;
      out.push({ start: first.start, end, text: text.slice(first.start, end), value: total + current });
      i = last + 1;
    } else i++;
  }
  return out;
}

/** Every number in `text`, left to right, not overlapping. */
export function findNumbers(text: string): NumberMatch[] {
  const digits = [...text.matchAll(DIGITS)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
    value: Number(m[0].replace(/,/g, "")),
  }));
  const all = [...digits, ...wordNumbers(text)].filter((m) => Number.isFinite(m.value));
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: NumberMatch[] = [];
  for (const m of all) if (!out.some((o) => o.start < m.end && m.start < o.end)) out.push(m);
  return out;
}

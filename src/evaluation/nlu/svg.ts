/**
 * @module evaluation/nlu/svg
 * The two pictures `rasa test nlu` draws, as standalone SVG (no browser, no native code): the intent confusion
 * matrix (rows = true intent, columns = predicted, darker = more) and the confidence histogram (correct
 * predictions to the right of the axis in blue, wrong ones to the left in red, per confidence bin).
 */

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const short = (s: string, max = 28): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function confusionMatrixSvg(labels: readonly string[], counts: readonly (readonly number[])[]): string {
  const n = labels.length;
  const cell = n > 40 ? 10 : n > 20 ? 16 : 28;
  const margin = 190;
  const size = margin + n * cell + 20;
  const max = Math.max(1, ...counts.flat());
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + 30}" font-family="sans-serif" font-size="${Math.min(11, cell - 2)}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${size / 2}" y="16" font-size="14" text-anchor="middle">Intent confusion matrix</text>`,
  ];
  counts.forEach((row, i) => {
    const y = margin + i * cell;
    parts.push(`<text x="${margin - 4}" y="${y + cell * 0.7}" text-anchor="end">${esc(short(labels[i] ?? ""))}</text>`);
    row.forEach((c, j) => {
      const x = margin + j * cell;
      const shade = Math.round(255 - (c / max) * 200);
      const fill = c === 0 ? "#f7f7f7" : i === j ? `rgb(${shade},${shade},255)` : `rgb(255,${shade},${shade})`;
      parts.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ddd"/>`);
      if (c > 0 && cell >= 16) {
        parts.push(`<text x="${x + cell / 2}" y="${y + cell * 0.7}" text-anchor="middle">${c}</text>`);
      }
    });
  });
  labels.forEach((label, j) => {
    const x = margin + j * cell + cell * 0.7;
    parts.push(
      `<text transform="translate(${x},${margin - 4}) rotate(-60)" text-anchor="start">${esc(short(label))}</text>`,
    );
  });
  parts.push(
    `<text x="${margin + (n * cell) / 2}" y="${size + 20}" text-anchor="middle">predicted intent (rows: true intent)</text>`,
    "</svg>",
  );
  return parts.join("\n");
}

/** Bins of width 0.1 over [0, 1]: count of correct and of wrong predictions per bin. */
export function confidenceBins(
  hits: readonly number[],
  misses: readonly number[],
): { hits: number[]; misses: number[] } {
  const bin = (c: number) => Math.min(9, Math.max(0, Math.floor((Number.isFinite(c) ? c : 0) * 10)));
  const out = { hits: new Array<number>(10).fill(0), misses: new Array<number>(10).fill(0) };
  for (const c of hits) out.hits[bin(c)] = (out.hits[bin(c)] as number) + 1;
  for (const c of misses) out.misses[bin(c)] = (out.misses[bin(c)] as number) + 1;
  return out;
}

export function histogramSvg(hits: readonly number[], misses: readonly number[]): string {
  const bins = confidenceBins(hits, misses);
  const width = 640;
  const mid = width / 2;
  const rowH = 32;
  const top = 50;
  const max = Math.max(1, ...bins.hits, ...bins.misses);
  const scale = (mid - 70) / max;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top + 10 * rowH + 50}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${mid}" y="20" font-size="14" text-anchor="middle">Intent prediction confidence distribution</text>`,
    `<text x="${mid - 10}" y="40" text-anchor="end" fill="#c0392b">wrong (${misses.length})</text>`,
    `<text x="${mid + 10}" y="40" fill="#2e86c1">correct (${hits.length})</text>`,
  ];
  for (let b = 9; b >= 0; b--) {
    const y = top + (9 - b) * rowH;
    const h = bins.hits[b] as number;
    const m = bins.misses[b] as number;
    parts.push(
      `<rect x="${mid}" y="${y + 4}" width="${h * scale}" height="${rowH - 8}" fill="#2e86c1"/>`,
      `<rect x="${mid - m * scale}" y="${y + 4}" width="${m * scale}" height="${rowH - 8}" fill="#c0392b"/>`,
      `<text x="8" y="${y + rowH * 0.65}">${(b / 10).toFixed(1)}–${((b + 1) / 10).toFixed(1)}</text>`,
    );
    if (h > 0) parts.push(`<text x="${mid + h * scale + 4}" y="${y + rowH * 0.65}">${h}</text>`);
    if (m > 0) parts.push(`<text x="${mid - m * scale - 4}" y="${y + rowH * 0.65}" text-anchor="end">${m}</text>`);
  }
  parts.push(
    `<line x1="${mid}" y1="${top}" x2="${mid}" y2="${top + 10 * rowH}" stroke="#333"/>`,
    `<text x="${mid}" y="${top + 10 * rowH + 30}" text-anchor="middle">number of samples per confidence bin</text>`,
    "</svg>",
  );
  return parts.join("\n");
}

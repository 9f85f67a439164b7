/**
 * @module evaluation/core/confusion-svg
 * The action confusion matrix as an SVG picture (Rasa draws `story_confusion_matrix.png` with
 * matplotlib): rows are gold actions, columns predicted ones, darker cells hold more predictions.
 */
export interface Pair {
  gold: string;
  predicted: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function confusionMatrix(pairs: readonly Pair[]): { labels: string[]; counts: number[][] } {
  const labels = [...new Set(pairs.flatMap((p) => [p.gold, p.predicted]))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const p of pairs) counts[index.get(p.gold)!]![index.get(p.predicted)!]! += 1;
  return { labels, counts };
}

export function confusionSvg(pairs: readonly Pair[], title = "Action Confusion matrix"): string {
  const { labels, counts } = confusionMatrix(pairs);
  const cell = 28;
  const labelWidth = Math.max(80, ...labels.map((l) => l.length * 7 + 10));
  const top = 40 + labelWidth;
  const left = labelWidth;
  const size = labels.length * cell;
  const width = left + size + 20;
  const height = top + size + 40;
  const max = Math.max(1, ...counts.flat());
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>`,
    `<text x="${left + size / 2}" y="${height - 10}" text-anchor="middle">Predicted label</text>`,
  ];
  labels.forEach((label, i) => {
    const y = top + i * cell + cell / 2 + 4;
    out.push(`<text x="${left - 6}" y="${y}" text-anchor="end">${esc(label)}</text>`);
    const x = left + i * cell + cell / 2 + 4;
    out.push(
      `<text x="${x}" y="${top - 6}" text-anchor="start" transform="rotate(-90 ${x} ${top - 6})">${esc(label)}</text>`,
    );
  });
  counts.forEach((row, i) =>
    row.forEach((n, j) => {
      const shade = Math.round(255 - (n / max) * 200);
      const fill = n === 0 ? "#ffffff" : `rgb(${shade},${shade},255)`;
      const x = left + j * cell;
      const y = top + i * cell;
      out.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#cccccc"/>`);
      if (n > 0) {
        const color = n / max > 0.6 ? "white" : "black";
        out.push(`<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" fill="${color}">${n}</text>`);
      }
    }),
  );
  out.push("</svg>");
  return out.join("\n") + "\n";
}

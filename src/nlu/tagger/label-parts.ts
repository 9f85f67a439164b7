/**
 * @module nlu/tagger/label-parts
 * Parts of entity labels that several labels share, so that what the tagger learns about one carries over to the
 * others. For dotted names as in ATIS: `*.city_name` for `city_name`, `fromloc.city_name` and `toloc.city_name`,
 * and `fromloc.*` for `fromloc.city_name` and `fromloc.airport_name`. Each part is learned per BILOU position; a
 * part only counts when two labels share it. Labels with a role or group keep to themselves: sharing their entity
 * made the tagger of a small bot with roles less reliable.
 */
import { tagCount, type EntityLabel } from "./bilou.js";
import type { TagOutputs } from "./perceptron.js";

function partsOf(label: EntityLabel): string[] {
  if (label.role || label.group) return [];
  const first = label.entity.indexOf(".");
  const last = label.entity.lastIndexOf(".");
  const parts = [`last:${label.entity.slice(last + 1)}`];
  if (first > 0) parts.push(`first:${label.entity.slice(0, first)}`);
  return parts;
}

/** Per tag (O, then B/I/L/U of each label): the tag itself plus the shared parts it is scored with. */
export function labelPartOutputs(labels: readonly EntityLabel[]): TagOutputs {
  const T = tagCount(labels.length);
  const partsPerLabel = labels.map(partsOf);
  const sharers = new Map<string, Set<number>>();
  partsPerLabel.forEach((parts, l) =>
    parts.forEach((p) => (sharers.get(p) ?? sharers.set(p, new Set()).get(p))?.add(l)),
  );
  const shared = [...sharers].filter(([, ls]) => ls.size >= 2).map(([p]) => p);
  const partIndex = new Map(shared.map((p, i) => [p, i]));
  const outputs: number[][] = [[0]];
  partsPerLabel.forEach((parts, l) => {
    for (let position = 0; position < 4; position++) {
      const tag = 1 + 4 * l + position;
      const list = [tag];
      for (const p of parts) {
        const k = partIndex.get(p);
        if (k !== undefined) list.push(T + 4 * k + position);
      }
      outputs.push(list);
    }
  });
  return outputs;
}

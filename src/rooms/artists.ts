/**
 * @module rooms/artists
 * The artist/genre lookup table behind `/api/trollbot/genre/:artist`, seeded from a YAML or JSON
 * list in the project (Trollbot filled it from MusicBrainz and asked Spotify for unknown artists;
 * Confab makes no outside calls).
 */
import fs from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import type { ArtistRecord } from "./store/types.js";

const entry = z
  .object({
    name: z.string().min(1),
    genres: z.array(z.string()).default([]),
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    gender: z.string().nullable().optional(),
    area: z.string().nullable().optional(),
    begin: z.union([z.string(), z.number()]).nullable().optional(),
    end: z.union([z.string(), z.number()]).nullable().optional(),
  })
  .strict();

export function loadArtists(file: string): ArtistRecord[] {
  const raw: unknown = parse(fs.readFileSync(file, "utf8"));
  const list = z.array(entry).safeParse(raw);
  if (!list.success) {
    const issue = list.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return list.data.map((a) => ({
    professionalName: a.name,
    firstName: a.first_name ?? null,
    lastName: a.last_name ?? null,
    gender: a.gender ?? null,
    genres: a.genres,
    area: a.area ?? null,
    begin: a.begin === null || a.begin === undefined ? null : String(a.begin),
    end: a.end === null || a.end === undefined ? null : String(a.end),
  }));
}

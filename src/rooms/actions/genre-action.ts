/**
 * @module rooms/actions/genre-action
 * `action_set_genre_slot`: asks the rooms API for the artist's genre and record, caches the record
 * in the `artists` slot and sets `genre`, `artists`, `artist` (Trollbot's BEHAVIOUR.md). Unlike the
 * original, both lookups use the configured API base and a missing entity takes the error path
 * instead of crashing the action.
 */
import type { Action, ActionContext } from "../../actions/action.js";
import type { Event } from "../../model/index.js";
import { entity0, setSlot, slot } from "./context.js";

export interface ArtistApi {
  genre(artist: string): Promise<unknown>;
  artist(artist: string): Promise<unknown>;
}

/** Lookups over HTTP against `<base>/api/trollbot/...`, as the original action server does. */
export function httpArtistApi(base: () => string): ArtistApi {
  const get = async (path: string): Promise<unknown> => {
    const res = await fetch(`${base()}/api/trollbot/${path}`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`rooms API answered ${res.status}`);
    return res.json();
  };
  return {
    genre: (artist) => get(`genre/${encodeURIComponent(artist)}`),
    artist: (artist) => get(encodeURIComponent(artist)),
  };
}

type Record_ = Record<string, unknown>;

function cachedRecord(artist: Record_, genre: unknown): Record_ {
  return {
    professionalName: artist.professionalName,
    firstName: artist.firstName ?? artist.firstname ?? null,
    lastName: artist.lastName ?? artist.lastname ?? null,
    gender: artist.gender ?? "band",
    genre,
    area: artist.area ?? null,
    begin: artist.begin ?? null,
    end: artist.end ?? null,
  };
}

export function setGenreSlotAction(api: ArtistApi): Action {
  return {
    name: "action_set_genre_slot",
    async run(ctx: ActionContext): Promise<Event[]> {
      const read = slot(ctx, "artists");
      const artists: Record<string, Record_> =
        read && typeof read === "object" && !Array.isArray(read) ? { ...(read as Record<string, Record_>) } : {};
      const newArtist = entity0(ctx);
      try {
        if (typeof newArtist !== "string" || newArtist === "") throw new Error("no artist entity");
        let genre: unknown;
        if (!(newArtist in artists)) {
          genre = await api.genre(newArtist);
          const record = await api.artist(newArtist);
          if (!record || typeof record !== "object") throw new Error(`unknown artist ${newArtist}`);
          artists[newArtist] = cachedRecord(record as Record_, genre);
        } else {
          genre = artists[newArtist]!.genre;
        }
        if (typeof genre !== "string") throw new Error("genre is not a string");
        const known = artists[newArtist]!;
        const artist = known.firstName ?? known.professionalName;
        return [setSlot(ctx, "genre", genre), setSlot(ctx, "artists", artists), setSlot(ctx, "artist", artist)];
      } catch (error) {
        ctx.logger.debug({ artist: newArtist, err: String(error) }, "action_set_genre_slot: lookup failed");
        return [setSlot(ctx, "genre", null), setSlot(ctx, "artists", read ?? {}), setSlot(ctx, "artist", newArtist)];
      }
    },
  };
}

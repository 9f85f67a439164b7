/**
 * @module nlu/types
 * The contract between the NLU pipeline and the rest of Confab.
 */
import type { ComponentConfig, NluData, ParseResult } from "../model/index.js";

export interface ParseOptions {
  messageId?: string | null;
  metadata?: Record<string, unknown>;
  /** "Now" for relative dates and times ("tomorrow"); the current time when not given. */
  referenceTime?: Date;
}

/** A trained NLU model: pure, synchronous, serialisable to JSON for the model archive. */
export interface NluModel {
  /** Intent labels the model knows, retrieval intents in full (`chitchat/ask_name`). */
  readonly intents: readonly string[];
  parse(text: string, options?: ParseOptions): ParseResult;
  toJSON(): unknown;
}

export interface NluTrainOptions {
  pipeline: readonly ComponentConfig[];
  language: string;
  seed?: number;
  /** Called with (done, total) while training, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Domain responses; the ResponseSelector reports the variations of `utter_<retrieval intent>` it picks. */
  responses?: Record<string, unknown[]>;
  /** Called once per unknown or substituted Rasa component name, and for training-data problems (file:line). */
  warn?: (message: string) => void;
}

/** The training entry point (`trainNlu` in `src/nlu/index.ts`). */
export type TrainNlu = (data: NluData, options: NluTrainOptions) => NluModel;

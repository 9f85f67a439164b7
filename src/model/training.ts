/**
 * @module model/training
 * Training data as plain data: NLU examples, stories, rules and test stories (`rasa-protocol.md` §7).
 * Readers that turn YAML into these live in `src/config`; nothing here touches files.
 */

/** Where a piece of training data came from, for `file:line` messages. */
export interface SourcePos {
  file: string;
  line: number;
  col?: number;
}

export interface EntityAnnotation {
  entity: string;
  start: number;
  end: number;
  /** The annotated text, or the synonym target given with `"value"`. */
  value: string;
  role?: string;
  group?: string;
}

export interface NluExample {
  text: string;
  /** Full label; retrieval intents keep `base/key` (e.g. `chitchat/ask_name`). */
  intent: string;
  entities: EntityAnnotation[];
  metadata?: Record<string, unknown>;
  source?: SourcePos;
}

export interface RegexFeature {
  name: string;
  pattern: string;
}

export interface LookupTable {
  name: string;
  elements: string[];
}

export interface NluData {
  examples: NluExample[];
  /** Lower-cased surface form → canonical value (`synonym:` blocks and inline `"value"`). */
  synonyms: Record<string, string>;
  regexes: RegexFeature[];
  lookups: LookupTable[];
}

export interface StoryEntity {
  entity: string;
  value?: unknown;
  role?: string;
  group?: string;
}

/** A slot named in `slot_was_set`; `value` undefined means "set to anything" (`- name` form). */
export interface SlotWasSetItem {
  name: string;
  value?: unknown;
}

export type StoryStep =
  | {
      kind: "intent";
      intent: string;
      entities: StoryEntity[];
      /** `user:` text of end-to-end / test stories (annotations removed). */
      text?: string;
      /** Annotated entities found in the `user:` text, with their offsets in `text`. */
      textEntities?: EntityAnnotation[];
      source?: SourcePos;
    }
  | { kind: "action"; name: string; source?: SourcePos }
  | { kind: "bot"; text: string; source?: SourcePos }
  | { kind: "slot_was_set"; slots: SlotWasSetItem[]; source?: SourcePos }
  | { kind: "active_loop"; name: string | null; source?: SourcePos }
  | { kind: "checkpoint"; name: string; slotWasSet?: SlotWasSetItem[]; source?: SourcePos }
  | { kind: "or"; alternatives: StoryStep[]; source?: SourcePos };

export interface Story {
  name: string;
  steps: StoryStep[];
  metadata?: Record<string, unknown>;
  source?: SourcePos;
}

export interface Rule extends Story {
  conversation_start: boolean;
  /** `condition:` steps: `slot_was_set` and `active_loop` only. */
  condition: StoryStep[];
  wait_for_user_input: boolean;
}

export interface TrainingData {
  nlu: NluData;
  stories: Story[];
  rules: Rule[];
}

export function emptyNluData(): NluData {
  return { examples: [], synonyms: {}, regexes: [], lookups: [] };
}

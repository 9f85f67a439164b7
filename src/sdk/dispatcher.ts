/**
 * @module sdk/dispatcher
 * Collects the messages an action sends (rasa-sdk's CollectingDispatcher). Each call adds one entry
 * to the answer's `responses`; a `response` name is rendered by the bot with `variables` filled in.
 */
import type { ResponseJson } from "./types.js";

export interface Button {
  title: string;
  payload: string;
  [key: string]: unknown;
}

export interface UtterOptions {
  text?: string;
  buttons?: Button[];
  image?: string;
  elements?: unknown[];
  attachment?: unknown;
  custom?: Record<string, unknown>;
  /** A domain response (`utter_*`) for the bot to render. */
  response?: string;
  /** Template variables for `response` (and any extra message keys). */
  variables?: Record<string, unknown>;
}

export class Dispatcher {
  readonly messages: ResponseJson[] = [];

  /** rasa-sdk's `utter_message`: the same keys, so Rasa and Confab treat it alike. */
  utterMessage(options: UtterOptions): void {
    const { text, buttons, image, elements, attachment, custom, response, variables } = options;
    this.messages.push({
      text: text ?? null,
      buttons: buttons ?? [],
      elements: elements ?? [],
      custom: custom ?? {},
      template: response ?? null,
      response: response ?? null,
      image: image ?? null,
      attachment: attachment ?? null,
      ...variables,
    });
  }

  text(text: string): void {
    this.utterMessage({ text });
  }

  buttons(text: string, buttons: Button[]): void {
    this.utterMessage({ text, buttons });
  }

  image(url: string, text?: string): void {
    this.utterMessage({ image: url, text });
  }

  custom(payload: Record<string, unknown>): void {
    this.utterMessage({ custom: payload });
  }

  /** Sends domain response `name`; `variables` fill its `{placeholders}` (before slots). */
  response(name: string, variables?: Record<string, unknown>): void {
    this.utterMessage({ response: name, variables });
  }
}

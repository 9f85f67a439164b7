/**
 * @module flows/nlu/rasa
 * Any Rasa-compatible HTTP NLU (a real Rasa server run with `--enable-api`, or Confab's own API):
 * `POST <url>/model/parse` with `{"text": ...}`. Unlike MCC, the URL is configuration, not `localhost:5005`.
 */
import type { FlowNluAdapter } from "./types.js";
import { FlowNluError, parseToData } from "./types.js";

export interface RasaNluOptions {
  /** Base URL of the server, e.g. `http://localhost:5005`. */
  url: string;
  /** Rasa's `--auth-token`, sent as the `token` query parameter. */
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function rasaNluAdapter(options: RasaNluOptions): FlowNluAdapter {
  const endpoint = new URL("model/parse", options.url.endsWith("/") ? options.url : `${options.url}/`);
  if (options.token) endpoint.searchParams.set("token", options.token);
  const doFetch = options.fetch ?? fetch;
  return {
    kind: "rasa",
    async parse(text) {
      let res: Response;
      try {
        res = await doFetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new FlowNluError(`NLU server ${endpoint.origin} unreachable: ${(err as Error).message}`, { cause: err });
      }
      if (!res.ok) throw new FlowNluError(`NLU server answered ${res.status} for POST ${endpoint.pathname}`);
      let body: unknown;
      try {
        body = await res.json();
      } catch (err) {
        throw new FlowNluError("NLU server returned a body that is not JSON", { cause: err });
      }
      if (typeof body !== "object" || body === null) throw new FlowNluError("NLU server returned no parse result");
      return parseToData(body);
    },
  };
}

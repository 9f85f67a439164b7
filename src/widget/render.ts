/**
 * @module widget/render
 * Turns one `bot_uttered` payload (Rasa's Socket.IO shapes) into DOM: text, quick replies,
 * images, generic templates, and custom payloads as readable JSON.
 */
export interface QuickReply {
  title?: string;
  payload?: string;
}

export interface BotPayload {
  text?: string;
  quick_replies?: QuickReply[];
  attachment?: { type?: string; payload?: { src?: string; template_type?: string; elements?: unknown } } | string;
  [key: string]: unknown;
}

export type Choose = (title: string, payload: string) => void;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function buttons(replies: QuickReply[], choose: Choose): HTMLElement {
  const row = el("div", "cfb-buttons");
  for (const r of replies) {
    const b = el("button", "cfb-button", r.title ?? r.payload ?? "");
    b.type = "button";
    b.addEventListener("click", () => {
      row.querySelectorAll("button").forEach((x) => (x.disabled = true));
      choose(r.title ?? "", r.payload ?? r.title ?? "");
    });
    row.append(b);
  }
  return row;
}

function card(element: Record<string, unknown>, choose: Choose): HTMLElement {
  const box = el("div", "cfb-card");
  if (typeof element.image_url === "string") {
    const img = el("img", "cfb-image");
    img.src = element.image_url;
    box.append(img);
  }
  if (typeof element.title === "string") box.append(el("strong", "", element.title));
  if (typeof element.subtitle === "string") box.append(el("div", "", element.subtitle));
  if (Array.isArray(element.buttons)) box.append(buttons(element.buttons as QuickReply[], choose));
  return box;
}

/** The DOM for one bot message, or null when there is nothing to show. */
export function renderBotMessage(message: unknown, choose: Choose): HTMLElement {
  const bubble = el("div", "cfb-msg cfb-bot");
  if (typeof message !== "object" || message === null) {
    bubble.textContent = String(message);
    return bubble;
  }
  const m = message as BotPayload;
  let shown = false;
  if (typeof m.text === "string") {
    bubble.append(el("div", "cfb-text", m.text));
    shown = true;
  }
  if (Array.isArray(m.quick_replies) && m.quick_replies.length > 0) {
    bubble.append(buttons(m.quick_replies, choose));
    shown = true;
  }
  const a = m.attachment;
  if (a && typeof a === "object") {
    if (a.type === "image" && typeof a.payload?.src === "string") {
      const img = el("img", "cfb-image");
      img.src = a.payload.src;
      img.alt = "image";
      bubble.append(img);
      shown = true;
    } else if (a.payload?.template_type === "generic") {
      const elements = a.payload.elements;
      for (const e of Array.isArray(elements) ? elements : [elements])
        if (e && typeof e === "object") bubble.append(card(e as Record<string, unknown>, choose));
      shown = true;
    }
  }
  if (!shown) {
    // Custom payloads: shown as JSON so nothing the bot sent is hidden.
    bubble.classList.add("cfb-custom");
    bubble.append(el("pre", "cfb-json", JSON.stringify(message, null, 2)));
  }
  return bubble;
}

/**
 * @module widget/main
 * Confab's chat widget: one `<script src=".../chat/widget.js">` adds a chat panel that talks to
 * the server's Socket.IO channel with Rasa's events (`session_request`/`session_confirm`,
 * `user_uttered`, `bot_uttered`). The session id and transcript live in localStorage, so a reload
 * continues the same conversation (the server needs `session_persistence: true`).
 * Options (data attributes on the script tag): data-server-url, data-socket-path, data-namespace,
 * data-title, data-open ("true" opens it), data-mode ("page" fills the page), data-storage-key.
 */
import { io } from "socket.io-client";
import { renderBotMessage } from "./render.js";
import { CSS } from "./style.js";

interface Entry {
  from: "user" | "bot";
  data: unknown;
}

const script = document.currentScript as HTMLScriptElement | null;
const opt = (name: string, fallback: string): string => script?.dataset[name] ?? fallback;
const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin;
const serverUrl = opt("serverUrl", scriptOrigin);
const storageKey = opt("storageKey", "confab-chat");
const MAX_ENTRIES = 100;

function load(): { sessionId: string | null; log: Entry[] } {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? "{}") as { sessionId?: string; log?: Entry[] };
    return { sessionId: saved.sessionId ?? null, log: Array.isArray(saved.log) ? saved.log : [] };
  } catch {
    return { sessionId: null, log: [] };
  }
}

const state = load();
const save = () => {
  state.log = state.log.slice(-MAX_ENTRIES);
  localStorage.setItem(storageKey, JSON.stringify(state));
};

function mount(): void {
  const style = document.createElement("style");
  style.textContent = CSS;
  document.head.append(style);

  const root = document.createElement("div");
  root.className = `cfb-root${opt("mode", "") === "page" ? " cfb-page" : ""}`;
  root.innerHTML =
    '<button class="cfb-launcher" type="button">Chat</button><div class="cfb-panel" role="dialog">' +
    '<div class="cfb-head"><span class="cfb-title"></span><button class="cfb-close" type="button" aria-label="Close">×</button></div>' +
    '<div class="cfb-log" aria-live="polite"><div class="cfb-typing">typing…</div></div><div class="cfb-status"></div>' +
    '<form class="cfb-form"><input class="cfb-input" placeholder="Type a message…" autocomplete="off" aria-label="Message">' +
    '<button class="cfb-send" type="submit">Send</button></form></div>';
  document.body.append(root);
  const $ = <T extends Element>(sel: string) => root.querySelector(sel) as T;
  $<HTMLElement>(".cfb-title").textContent = opt("title", "Chat");
  const log = $<HTMLElement>(".cfb-log");
  const typing = $<HTMLElement>(".cfb-typing");
  const status = $<HTMLElement>(".cfb-status");
  const input = $<HTMLInputElement>(".cfb-input");
  const open = (yes: boolean) => root.classList.toggle("cfb-open", yes);
  $<HTMLElement>(".cfb-launcher").addEventListener("click", () => open(true));
  $<HTMLElement>(".cfb-close").addEventListener("click", () => open(false));
  if (opt("open", "false") === "true" || opt("mode", "") === "page") open(true);

  let idle: ReturnType<typeof setTimeout> | undefined;
  const busy = (on: boolean, ms = 15000) => {
    clearTimeout(idle);
    root.classList.toggle("cfb-busy", on);
    // No "turn finished" event exists in Rasa's protocol: the indicator clears after a quiet spell.
    if (on) idle = setTimeout(() => root.classList.remove("cfb-busy"), ms);
  };

  const show = (entry: Entry) => {
    const node =
      entry.from === "user"
        ? Object.assign(document.createElement("div"), { className: "cfb-msg cfb-user", textContent: entry.data })
        : renderBotMessage(entry.data, (title, payload) => send(title, payload));
    log.insertBefore(node, typing);
    log.scrollTop = log.scrollHeight;
  };
  state.log.forEach(show);

  const socket = io(serverUrl + opt("namespace", ""), {
    path: opt("socketPath", "/socket.io"),
    transports: ["websocket", "polling"],
  });
  socket.on("connect", () => {
    status.textContent = "";
    socket.emit("session_request", { session_id: state.sessionId });
  });
  socket.on("disconnect", () => (status.textContent = "Reconnecting…"));
  socket.on("session_confirm", (id: unknown) => {
    if (typeof id === "string" || typeof id === "number") state.sessionId = String(id);
    save();
  });
  socket.on("bot_uttered", (data: unknown) => {
    const entry: Entry = { from: "bot", data };
    state.log.push(entry);
    save();
    show(entry);
    busy(true, 700);
  });
  socket.on("error", (e: { message?: string }) => (status.textContent = e?.message ?? "Error"));

  function send(shown: string, message: string): void {
    if (!message.trim()) return;
    const entry: Entry = { from: "user", data: shown || message };
    state.log.push(entry);
    save();
    show(entry);
    busy(true);
    socket.emit("user_uttered", { message, session_id: state.sessionId });
  }

  $<HTMLFormElement>(".cfb-form").addEventListener("submit", (e) => {
    e.preventDefault();
    send(input.value, input.value);
    input.value = "";
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();

// Shared helpers for the rooms pages (no framework, no build step).
export async function api(path, options = {}) {
  const res = await fetch(`/api${path}`, {
    credentials: "same-origin",
    headers: options.body ? { "content-type": "application/json" } : {},
    ...options,
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  let data = text;
  try {
    data = text === "" ? null : JSON.parse(text);
  } catch {
    // plain-text answers (room links, sizes, CSV) stay strings
  }
  if (!res.ok) throw new Error(data && data.message ? data.message : `HTTP ${res.status}`);
  return data;
}

export function me() {
  const raw = sessionStorage.getItem("rooms-user");
  return raw ? JSON.parse(raw) : null;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

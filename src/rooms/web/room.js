// The chat room page: history over REST, then Trollbot's Socket.IO events.
import { api, el, me } from "/rooms-ui/common.js";

const user = me();
const roomId = location.pathname.slice(1);
const list = document.getElementById("messages");
const typing = document.getElementById("typing");
const typers = new Map();

function show(message) {
  const mine = user && message.user && message.user.id === user.id;
  const bot = message.senderId === roomId;
  const item = el("li", { class: mine ? "mine" : bot ? "bot" : "other" });
  item.append(
    el("span", { class: "who" }, `${message.user ? message.user.name : "?"}:`),
    el("span", { class: "body" }, message.body),
  );
  list.append(item);
  list.scrollTop = list.scrollHeight;
}

function renderTyping() {
  const names = [...typers.values()];
  typing.textContent = names.length ? `${names.join(", ")} ${names.length > 1 ? "are" : "is"} typing…` : "";
}

async function main() {
  if (!user) return void (location.href = "/");
  const room = (await api(`/rooms/${roomId}`)).room;
  if (!room) return void (document.getElementById("error").textContent = "This room does not exist.");
  const members = async () => {
    const { users = [] } = await api(`/rooms/${roomId}/users`);
    document.getElementById("members").textContent = `In the room: ${users.map((u) => u.name).join(", ")}`;
  };
  await members();
  for (const m of (await api(`/rooms/${roomId}/messages?t=${Date.now()}`)).messages) show(m);

  const socket = io({ query: { roomId, name: user.name } });
  socket.on("NEW_CHAT_MESSAGE_EVENT", (m) => {
    typers.delete(m.senderId);
    renderTyping();
    show(m);
  });
  socket.on("START_TYPING_MESSAGE_EVENT", (e) => {
    if (e.senderId !== socket.id) typers.set(e.senderId, e.user.name);
    renderTyping();
  });
  socket.on("STOP_TYPING_MESSAGE_EVENT", (e) => {
    typers.delete(e.senderId);
    renderTyping();
  });
  for (const [event, verb] of [
    ["USER_JOIN_CHAT_EVENT", "joined"],
    ["USER_LEAVE_CHAT_EVENT", "left"],
  ]) {
    socket.on(event, (u) => {
      show({ user: { name: "" }, body: `${u.name} ${verb}`, senderId: "" });
      members().catch(() => undefined);
    });
  }
  socket.on("COMPLETE_TASK_EVENT", (target) => {
    if (typeof target === "string") location.href = target;
    else document.getElementById("notice").textContent = "A user is ready to complete the task.";
  });
  socket.on("ERROR_EVENT", (e) => (document.getElementById("error").textContent = e.message));

  const input = document.getElementById("text");
  let typingSent = false;
  input.addEventListener("input", () => {
    const now = input.value.length > 0;
    if (now !== typingSent) socket.emit(now ? "START_TYPING_MESSAGE_EVENT" : "STOP_TYPING_MESSAGE_EVENT", {});
    typingSent = now;
  });
  document.getElementById("send").addEventListener("submit", (event) => {
    event.preventDefault();
    const body = input.value.trim();
    if (!body) return;
    socket.emit("NEW_CHAT_MESSAGE_EVENT", { body, senderId: socket.id, user: { id: user.id, name: user.name } });
    if (typingSent) socket.emit("STOP_TYPING_MESSAGE_EVENT", {});
    typingSent = false;
    input.value = "";
  });
  document.getElementById("complete").addEventListener("click", () => {
    socket.emit("COMPLETE_TASK_EVENT", { senderId: socket.id });
    document.getElementById("complete").disabled = true;
  });
}

main().catch((error) => (document.getElementById("error").textContent = error.message));

/**
 * @module rooms
 * Group chat rooms with a bot participant (Trollbot's backend as a Confab application):
 * `confab run` in a folder with `rooms.yml` serves it.
 */
export { isRoomsProject, loadRoomsConfig, ROOMS_FILE, RoomsConfigError } from "./config.js";
export type { RoomsConfig } from "./config.js";
export { runRoomsProject } from "./server.js";
export type { RunRoomsOptions, RunningRooms } from "./server.js";
export type { RoomsStore } from "./store/types.js";
export { SqliteRoomsStore } from "./store/sqlite.js";
export { createRemoteBot } from "./bots/remote-bot.js";
export type { BotConnector } from "./bots/types.js";

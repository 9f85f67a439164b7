/**
 * @module rooms/events
 * Trollbot's Socket.IO event names (backend `utils/socketEvents.js`), kept verbatim so its React
 * client can connect.
 */
export const USER_JOIN = "USER_JOIN_CHAT_EVENT";
export const USER_LEAVE = "USER_LEAVE_CHAT_EVENT";
export const NEW_MESSAGE = "NEW_CHAT_MESSAGE_EVENT";
export const TO_BOT = "SEND_MESSAGE_TO_BSERVER_EVENT";
export const START_TYPING = "START_TYPING_MESSAGE_EVENT";
export const STOP_TYPING = "STOP_TYPING_MESSAGE_EVENT";
export const COMPLETE_TASK = "COMPLETE_TASK_EVENT";
/** Confab addition: a rejected client event (bad payload, not allowed). */
export const ERROR_EVENT = "ERROR_EVENT";

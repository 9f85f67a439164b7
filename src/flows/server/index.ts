export { registerFlowRoutes } from "./routes.js";
export type { FlowRoutesOptions } from "./routes.js";
export { startMccServer, attachFlowWebSocket } from "./ws-attach.js";
export type { MccServer, FlowWebSocket } from "./ws-attach.js";
export { handleFlowConnection, MISSING_UID_MESSAGE } from "./ws-handler.js";
export { pyJsonDumps } from "./py-json.js";

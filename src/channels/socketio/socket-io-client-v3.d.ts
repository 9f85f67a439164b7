/** socket.io-client 3.x (installed as `socket.io-client-v3`) has the same API surface the tests use as 4.x. */
declare module "socket.io-client-v3" {
  export { io } from "socket.io-client";
}

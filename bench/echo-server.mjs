// The baseline of `npm run bench:http`: a bare fastify JSON echo on the REST webhook's path, in plain JavaScript
// so it runs on `node` alone, like Confab's compiled server. Prints `PORT <n>` when listening.
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.post("/webhooks/rest/webhook", (request) => [request.body]);
await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`PORT ${app.server.address().port}`);

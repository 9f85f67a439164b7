// The baseline of `npm run bench:http`: a bare fastify JSON echo on the REST webhook's path, in plain JavaScript
// so it runs on `node` alone, like Confab's compiled server. Prints `PORT <n>` when listening.
// `WORK_US=<n>` makes each request first spin the CPU for n µs: such rows show what a given amount of work per
// request costs in throughput and tail latency on the machine the bench runs on.
import Fastify from "fastify";

const workNs = BigInt(Math.round(Number(process.env.WORK_US ?? 0) * 1000));

function work() {
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() - start < workNs);
}

const app = Fastify({ logger: false });
app.post("/webhooks/rest/webhook", (request) => {
  if (workNs > 0n) work();
  return [request.body];
});
await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`PORT ${app.server.address().port}`);

/**
 * @module cli/shutdown
 * Long-running commands close their servers and stores on Ctrl-C or SIGTERM, then exit.
 */
export function closeOnSignals(server: { close(): Promise<void> }): void {
  const shutdown = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

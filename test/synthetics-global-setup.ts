/**
 * Targets for the synthetics tests that run inside workerd: a Node HTTP server with
 * the behaviours checks meet (synthetics/testing/target-server.ts) and an HTTPS server
 * whose certificate expires in 5 days. workerd reaches both over loopback (its fetch
 * and `connect()` sockets); their URLs reach the tests through `inject()`.
 */
import type { TestProject } from "vitest/node";
import { startTargetServer } from "../synthetics/testing/target-server";
import { startHttpsServer } from "../synthetics/testing/https-server";

export default async function setup(project: TestProject) {
  const target = await startTargetServer();
  const tls = await startHttpsServer(5, "expiring.test");
  project.provide("syntheticsTarget", target.url);
  project.provide("syntheticsTls", tls.url);
  return async () => {
    await target.close();
    await tls.close();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    syntheticsTarget: string;
    syntheticsTls: string;
  }
}

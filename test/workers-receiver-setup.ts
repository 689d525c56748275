// Global setup of the workers tests: a real HTTP receiver on loopback that notification
// tests deliver to (workerd's outbound fetch reaches 127.0.0.1); its URL is provided as
// `receiverUrl` (`inject("receiverUrl")`).
import type { TestProject } from "vitest/node";
import { startReceiver } from "./helpers/receiver";

export default async function setup(project: TestProject) {
  const receiver = await startReceiver();
  project.provide("receiverUrl", receiver.url);
  return () => receiver.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    receiverUrl: string;
  }
}

/**
 * Session replay chunks: what a valid chunk is, and where it lives in R2. Keys sort by
 * sequence number, so listing a session's prefix yields its chunks in recording order.
 */
import { BeaconError } from "./beacon";

/** A session has at most this many chunks (5 s each: ~14 hours). */
export const MAX_REPLAY_CHUNKS = 10_000;

export function replayPrefix(projectId: string, session: string): string {
  return `replay/${projectId}/${session}/`;
}

export function replayChunkKey(projectId: string, session: string, seq: number): string {
  return `${replayPrefix(projectId, session)}${String(seq).padStart(6, "0")}.json`;
}

export interface ReplayChunk {
  session: string;
  seq: number;
  events: number;
  firstTimestamp: number | null;
}

export function validateReplayChunk(session: string, seqText: string, text: string): ReplayChunk {
  if (!/^[0-9a-f]{32}$/.test(session)) throw new BeaconError("session: expected 32 lowercase hex characters");
  if (!/^\d{1,6}$/.test(seqText) || Number(seqText) >= MAX_REPLAY_CHUNKS) throw new BeaconError(`seq: expected an integer from 0 to ${MAX_REPLAY_CHUNKS - 1}`);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw new BeaconError(`body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const events = (root as { events?: unknown })?.events;
  if (!Array.isArray(events) || events.length === 0) throw new BeaconError("events: expected a non-empty array of rrweb events");
  events.forEach((e, i) => {
    if (typeof e !== "object" || e === null || typeof (e as { type?: unknown }).type !== "number" || typeof (e as { timestamp?: unknown }).timestamp !== "number") {
      throw new BeaconError(`events[${i}]: expected an rrweb event {type, timestamp, data}`);
    }
  });
  return { session, seq: Number(seqText), events: events.length, firstTimestamp: (events[0] as { timestamp: number }).timestamp };
}

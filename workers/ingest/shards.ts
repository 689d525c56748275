/**
 * Buffer sharding: each (project, signal) spreads over `shards` Durable Objects so one
 * object's single thread is not the ingest ceiling. Requests pick a shard at random;
 * order across shards does not matter because rows carry their own timestamps.
 */
import type { Signal } from "../../core/schema";

export function bufferName(projectId: string, signal: Signal, shard: number): string {
  return `${projectId}:${signal}:${shard}`;
}

export function pickShard(shards: number, random: () => number = Math.random): number {
  return Math.min(shards - 1, Math.floor(random() * shards));
}

export function allBufferNames(projectId: string, signal: Signal, shards: number): { name: string; shard: number }[] {
  return Array.from({ length: shards }, (_, shard) => ({ name: bufferName(projectId, signal, shard), shard }));
}

/** Decodes one stored payload into a table of its own (the flush path). */
import type { TableBuilder } from "../../core/columns";
import type { Signal } from "../../core/schema";
import { decodeJson, decodeProtobuf } from "../../workers/ingest/otlp";
import { checkRowsTable } from "../../synthetics/result-rows";
import { decodeRumRows } from "../../workers/rum/rows";
import type { PayloadFormat } from "./types";

const utf8 = new TextDecoder();

export function decodeBatch(signal: Signal, format: PayloadFormat, payload: Uint8Array): TableBuilder {
  // Check results are written by the region runners as a JSON array of rows, not OTLP.
  if (signal === "checks") return checkRowsTable(JSON.parse(utf8.decode(payload)));
  // RUM batches are stored already validated and enriched by the intake (workers/rum).
  if (signal === "rum") return decodeRumRows(utf8.decode(payload));
  return (format === "protobuf" ? decodeProtobuf(signal, payload) : decodeJson(signal, utf8.decode(payload))).table;
}

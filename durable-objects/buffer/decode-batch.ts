/** Decodes one stored payload into a table of its own (the flush path). */
import type { TableBuilder } from "../../core/columns";
import type { Signal } from "../../core/schema";
import { decodeJson, decodeProtobuf } from "../../workers/ingest/otlp";
import type { PayloadFormat } from "./types";

const utf8 = new TextDecoder();

export function decodeBatch(signal: Signal, format: PayloadFormat, payload: Uint8Array): TableBuilder {
  return (format === "protobuf" ? decodeProtobuf(signal, payload) : decodeJson(signal, utf8.decode(payload))).table;
}

/** The two OTLP/HTTP encodings, from a Content-Type header (parameters ignored). */
export type OtlpFormat = "protobuf" | "json";

export function otlpFormat(contentType: string | null | undefined): OtlpFormat | null {
  const mime = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (mime === "application/x-protobuf" || mime === "application/protobuf") return "protobuf";
  if (mime === "application/json") return "json";
  return null;
}

export const CONTENT_TYPES: Record<OtlpFormat, string> = {
  protobuf: "application/x-protobuf",
  json: "application/json",
};

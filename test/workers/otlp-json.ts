/** Small OTLP JSON payload builders for workers tests (the system tests use real exporters). */
export function logsPayload(service: string, records: { seq: number; timeMs: number; body?: string; severity?: string }[]): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
        scopeLogs: [
          {
            scope: { name: "test" },
            logRecords: records.map((r) => ({
              timeUnixNano: String(BigInt(r.timeMs) * 1_000_000n),
              severityText: r.severity ?? "INFO",
              severityNumber: 9,
              body: { stringValue: r.body ?? `record ${r.seq}` },
              attributes: [{ key: "seq", value: { intValue: String(r.seq) } }],
            })),
          },
        ],
      },
    ],
  });
}

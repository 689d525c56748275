/**
 * The real OpenTelemetry SDK, once per service (each service is its own Resource):
 * a tracer provider with a BatchSpanProcessor, a logger provider with a
 * BatchLogRecordProcessor and a meter provider with a PeriodicExportingMetricReader,
 * all exporting OTLP http/protobuf to the platform.
 */
import type { Logger } from "@opentelemetry/api-logs";
import type { Tracer } from "@opentelemetry/api";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { type ExportStats, countExports, metricPoints, newExportStats } from "./export-stats.ts";
import { LoadWindow } from "./load.ts";
import { type ServiceMetrics, createServiceMetrics } from "./metrics.ts";
import { SERVICE_NAMES, SERVICES, type ServiceName, resourceAttributes } from "./services.ts";

export interface ServiceTelemetry {
  tracer(scope: string): Tracer;
  logger: Logger;
  metrics: ServiceMetrics;
}

export interface Telemetry {
  services: Record<ServiceName, ServiceTelemetry>;
  stats: ExportStats;
  /** Flushes every pending span, log and metric, then stops the providers. */
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  url: string;
  apiKey: string;
  metricIntervalMs: number;
}

export function startTelemetry(opts: TelemetryOptions): Telemetry {
  const headers = { authorization: `Bearer ${opts.apiKey}` };
  const stats = newExportStats();
  const load = new LoadWindow();
  const providers: { shutdown(): Promise<void> }[] = [];
  const services = {} as Record<ServiceName, ServiceTelemetry>;

  for (const name of SERVICE_NAMES) {
    const resource = resourceFromAttributes(resourceAttributes(name));

    const spanExporter = new OTLPTraceExporter({ url: `${opts.url}/v1/traces`, headers });
    countExports(spanExporter, stats, (spans) => (stats.spans += spans.length));
    // A 1 s delay (default 5 s) keeps the demo "live"; the queue holds a few seconds at the top rate.
    const tracerProvider = new BasicTracerProvider({
      resource,
      spanProcessors: [new BatchSpanProcessor(spanExporter, { scheduledDelayMillis: 1000, maxQueueSize: 8192, maxExportBatchSize: 1024 })],
    });

    const logExporter = new OTLPLogExporter({ url: `${opts.url}/v1/logs`, headers });
    countExports(logExporter, stats, (logs) => (stats.logs += logs.length));
    const loggerProvider = new LoggerProvider({
      resource,
      processors: [new BatchLogRecordProcessor({ exporter: logExporter, scheduledDelayMillis: 1000, maxQueueSize: 8192, maxExportBatchSize: 1024 })],
    });

    const metricExporter = new OTLPMetricExporter({ url: `${opts.url}/v1/metrics`, headers });
    countExports(metricExporter, stats, (rm) => (stats.metricPoints += metricPoints(rm)));
    const meterProvider = new MeterProvider({
      resource,
      readers: [new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: opts.metricIntervalMs })],
    });

    providers.push(tracerProvider, loggerProvider, meterProvider);
    const version = SERVICES[name].version;
    services[name] = {
      tracer: (scope) => tracerProvider.getTracer(scope, scope.startsWith("shop.") ? version : undefined),
      logger: loggerProvider.getLogger(`shop.${name}`, version),
      metrics: createServiceMetrics(meterProvider.getMeter(`shop.${name}`, version), name, load, () => Math.random() - 0.5),
    };
  }

  return {
    services,
    stats,
    async shutdown() {
      // shutdown() flushes first; run them side by side so Ctrl+C does not wait 21 round trips.
      await Promise.allSettled(providers.map((p) => p.shutdown()));
    },
  };
}

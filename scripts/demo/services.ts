/** The shop's services and the resource each one reports itself as. */

export type ServiceName = "frontend" | "checkout" | "payment" | "cart" | "product-catalog" | "recommendation" | "email";

export interface ServiceInfo {
  version: string;
  /** Where the service listens inside the cluster, for client spans' url.full/server.port. */
  port: number;
  pod: string;
  host: string;
}

export const SERVICES: Record<ServiceName, ServiceInfo> = {
  frontend: { version: "2.14.0", port: 8080, pod: "frontend-7c9d8f6b5-x2kqp", host: "gke-shop-prod-pool-1-3f2a" },
  checkout: { version: "1.9.3", port: 5050, pod: "checkout-5d8b7c9f4-m7wzt", host: "gke-shop-prod-pool-1-8b1c" },
  payment: { version: "3.2.1", port: 50051, pod: "payment-6f4c8d7b9-q9rjl", host: "gke-shop-prod-pool-2-1d7e" },
  cart: { version: "1.4.0", port: 7070, pod: "cart-84b6c5d9f7-h4nvs", host: "gke-shop-prod-pool-1-3f2a" },
  "product-catalog": { version: "2.0.7", port: 3550, pod: "product-catalog-9c7d6b8f5-t2lpx", host: "gke-shop-prod-pool-2-5a90" },
  recommendation: { version: "0.11.2", port: 9001, pod: "recommendation-75f9d8c6b4-zk8wd", host: "gke-shop-prod-pool-2-1d7e" },
  email: { version: "1.1.5", port: 6060, pod: "email-6b8d9c7f5-p5xmq", host: "gke-shop-prod-pool-1-8b1c" },
};

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

export function resourceAttributes(name: ServiceName): Record<string, string> {
  const s = SERVICES[name];
  return {
    "service.name": name,
    "service.namespace": "shop",
    "service.version": s.version,
    "deployment.environment": "production",
    "host.name": s.host,
    "k8s.namespace.name": "shop",
    "k8s.pod.name": s.pod,
    "k8s.deployment.name": name,
    "cloud.region": "europe-west1",
  };
}

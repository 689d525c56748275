/** The routing half's tabs of the Alerting page. */
import type { AlertingTab } from "../alerting";
import { AlertsTab } from "./alerts-tab";
import { ContactPointsTab } from "./contact-points-tab";
import { OnCallTab } from "./oncall-tab";
import { RoutesTab } from "./routes-tab";
import { SilencesTab } from "./silences-tab";

export const ROUTING_TABS: AlertingTab[] = [
  { id: "alerts", label: "Alerts", render: () => <AlertsTab /> },
  { id: "silences", label: "Silences", render: (rest) => <SilencesTab rest={rest} /> },
  { id: "contact-points", label: "Contact points", render: () => <ContactPointsTab /> },
  { id: "routes", label: "Routes", render: () => <RoutesTab /> },
  { id: "on-call", label: "On-call", render: () => <OnCallTab /> },
];

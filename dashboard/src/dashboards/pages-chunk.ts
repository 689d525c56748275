/** What the lazy dashboards chunk exports (see page.tsx). */
export { DashboardList } from "./list";
export { DashboardView } from "./view";

/** The rules tab's own routes: /alerting/rules, /alerting/rules/new, /alerting/rules/<id>. */
import { RuleEditor } from "./rule-editor";
import { RuleList } from "./rule-list";

export function RulesTab({ rest }: { rest: string }) {
  const id = rest.replace(/^\//, "");
  if (!id) return <RuleList />;
  return <RuleEditor key={id} ruleId={id === "new" ? null : decodeURIComponent(id)} />;
}

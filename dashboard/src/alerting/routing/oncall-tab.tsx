/**
 * On-call: each schedule with a two-week timeline of who is on call (overrides marked),
 * a form for a new schedule and for overrides, and escalation policies with their levels.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { timelineBars, userColor, type ContactPoint, type Member, type Shift } from "./model";
import { FieldErrors, type FieldError } from "./field-errors";

interface Schedule {
  id: string;
  name: string;
  time_zone: string;
  layers: { users: string[]; rotation_days: number; start_date: string; handoff_time: string }[];
  overrides: { start: number; end: number; user: string }[];
  on_call_now: { userId: string } | null;
}
interface Policy {
  id: string;
  name: string;
  repeat: number;
  levels: { delay_minutes: number; targets: { type: string; id: string }[] }[];
}

const DAY = 86_400_000;

function Timeline({ schedule, members }: { schedule: Schedule; members: Map<string, Member> }) {
  const [shifts, setShifts] = useState<Shift[]>([]);
  const from = Math.floor(Date.now() / DAY) * DAY;
  const to = from + 14 * DAY;
  useEffect(() => {
    api<{ shifts: Shift[] }>(`/api/v1/schedules/${schedule.id}/oncall?from=${from}&to=${to}`).then((r) => setShifts(r.shifts));
  }, [schedule]);
  const who = (id: string) => members.get(id)?.email ?? id;
  return (
    <div class="timeline" aria-label={`${schedule.name} timeline`}>
      <div class="timeline-days">
        {Array.from({ length: 14 }, (_, i) => (
          <span>{new Date(from + i * DAY).toLocaleDateString(undefined, { weekday: "short", day: "numeric" })}</span>
        ))}
      </div>
      <div class="timeline-bars">
        {timelineBars(shifts, from, to).map((b) => (
          <span class={`bar${b.override ? " override" : ""}`} style={{ left: `${b.left}%`, width: `${b.width}%`, background: userColor(b.userId) }} title={who(b.userId)}>
            {who(b.userId).split("@")[0]}
          </span>
        ))}
      </div>
    </div>
  );
}

export function OnCallTab() {
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [policies, setPolicies] = useState<Policy[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [contactPoints, setContactPoints] = useState<ContactPoint[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [draft, setDraft] = useState({ name: "", time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone, users: [] as string[], rotation_days: 7, start_date: new Date().toISOString().slice(0, 10), handoff_time: "09:00" });
  const [override, setOverride] = useState({ schedule: "", user: "", start: "", end: "" });
  const [policy, setPolicy] = useState({ name: "", repeat: 0, levels: [{ delay_minutes: 5, target: "" }] });

  const load = async () => {
    const [s, p, m, c] = await Promise.all([
      api<{ schedules: Schedule[] }>("/api/v1/schedules"),
      api<{ escalation_policies: Policy[] }>("/api/v1/escalation-policies"),
      api<{ members: Member[] }>("/api/v1/oncall/members"),
      api<{ contact_points: ContactPoint[] }>("/api/v1/contact-points"),
    ]);
    setSchedules(s.schedules);
    setPolicies(p.escalation_policies);
    setMembers(m.members);
    setContactPoints(c.contact_points);
  };
  useEffect(() => void load(), []);
  const byId = new Map(members.map((m) => [m.id, m]));
  const fail = (err: unknown) => setErrors(err instanceof ApiError ? ((err.body.errors as typeof errors) ?? [{ path: "", message: err.message }]) : [{ path: "", message: String(err) }]);
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setErrors([]);
      await load();
    } catch (err) {
      fail(err);
    }
  };

  const createSchedule = (e: Event) => {
    e.preventDefault();
    void run(() =>
      api("/api/v1/schedules", { name: draft.name, time_zone: draft.time_zone, overrides: [], layers: [{ users: draft.users, rotation_days: Number(draft.rotation_days), start_date: draft.start_date, handoff_time: draft.handoff_time }] }),
    );
  };
  const addOverride = (e: Event) => {
    e.preventDefault();
    const s = schedules.find((x) => x.id === override.schedule);
    if (!s) return setErrors([{ path: "schedule", message: "choose a schedule" }]);
    void run(() => api(`/api/v1/schedules/${s.id}`, { ...s, overrides: [...s.overrides, { user: override.user, start: Date.parse(override.start), end: Date.parse(override.end) }] }, { method: "PUT" }));
  };
  const createPolicy = (e: Event) => {
    e.preventDefault();
    void run(() =>
      api("/api/v1/escalation-policies", {
        name: policy.name,
        repeat: Number(policy.repeat),
        levels: policy.levels.map((l) => {
          const [type, id] = l.target.split(":");
          return { delay_minutes: Number(l.delay_minutes), targets: [{ type, id }] };
        }),
      }),
    );
  };
  const setMemberCps = (m: Member, ids: string[]) => run(() => api(`/api/v1/oncall/members/${m.id}/contact-points`, { contact_point_ids: ids }, { method: "PUT" }));
  const targetLabel = (t: { type: string; id: string }) =>
    t.type === "schedule" ? `schedule ${schedules.find((s) => s.id === t.id)?.name ?? t.id}` : t.type === "user" ? (byId.get(t.id)?.email ?? t.id) : `contact point ${contactPoints.find((c) => c.id === t.id)?.name ?? t.id}`;

  return (
    <div class="oncall">
      <FieldErrors errors={errors} />
      <section class="card">
        <h3>Schedules</h3>
        {schedules.length === 0 && <p class="muted">No schedules yet.</p>}
        {schedules.map((s) => (
          <div class="schedule">
            <div>
              <strong>{s.name}</strong> <span class="muted">({s.time_zone})</span> · on call now: <strong>{s.on_call_now ? (byId.get(s.on_call_now.userId)?.email ?? s.on_call_now.userId) : "nobody"}</strong>
              <button class="link" onClick={() => confirm(`Delete schedule '${s.name}'?`) && run(() => api(`/api/v1/schedules/${s.id}`, undefined, { method: "DELETE" }))}>
                delete
              </button>
            </div>
            <Timeline schedule={s} members={byId} />
          </div>
        ))}
      </section>
      <section class="card grid2">
        <form onSubmit={createSchedule}>
          <h4>New schedule</h4>
          <label>
            Name <input aria-label="Schedule name" value={draft.name} onInput={(e) => setDraft({ ...draft, name: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            Time zone <input aria-label="Time zone" value={draft.time_zone} onInput={(e) => setDraft({ ...draft, time_zone: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            People, in turn order
            <select aria-label="People" multiple onChange={(e) => setDraft({ ...draft, users: [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value) })}>
              {members.map((m) => (
                <option value={m.id} selected={draft.users.includes(m.id)}>
                  {m.email}
                </option>
              ))}
            </select>
          </label>
          <label>
            Rotation (days) <input aria-label="Rotation days" type="number" min={1} value={draft.rotation_days} onInput={(e) => setDraft({ ...draft, rotation_days: Number((e.target as HTMLInputElement).value) })} />
          </label>
          <label>
            Starts <input aria-label="Start date" type="date" value={draft.start_date} onInput={(e) => setDraft({ ...draft, start_date: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            Hand-off at <input aria-label="Hand-off time" type="time" value={draft.handoff_time} onInput={(e) => setDraft({ ...draft, handoff_time: (e.target as HTMLInputElement).value })} />
          </label>
          <button class="primary" type="submit">
            Create schedule
          </button>
        </form>
        <form onSubmit={addOverride}>
          <h4>Override</h4>
          <select aria-label="Override schedule" value={override.schedule} onChange={(e) => setOverride({ ...override, schedule: (e.target as HTMLSelectElement).value })}>
            <option value="">Schedule…</option>
            {schedules.map((s) => (
              <option value={s.id}>{s.name}</option>
            ))}
          </select>
          <select aria-label="Override person" value={override.user} onChange={(e) => setOverride({ ...override, user: (e.target as HTMLSelectElement).value })}>
            <option value="">Person…</option>
            {members.map((m) => (
              <option value={m.id}>{m.email}</option>
            ))}
          </select>
          <label>
            From <input aria-label="Override from" type="datetime-local" value={override.start} onInput={(e) => setOverride({ ...override, start: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            To <input aria-label="Override to" type="datetime-local" value={override.end} onInput={(e) => setOverride({ ...override, end: (e.target as HTMLInputElement).value })} />
          </label>
          <button type="submit">Add override</button>
        </form>
      </section>
      <section class="card">
        <h3>Escalation policies</h3>
        {policies.map((p) => (
          <div class="policy">
            <strong>{p.name}</strong> <span class="muted">(repeat {p.repeat}×)</span>
            <button class="link" onClick={() => confirm(`Delete policy '${p.name}'?`) && run(() => api(`/api/v1/escalation-policies/${p.id}`, undefined, { method: "DELETE" }))}>
              delete
            </button>
            <ol>
              {p.levels.map((l) => (
                <li>
                  {l.targets.map(targetLabel).join(", ")} <span class="muted">— escalates after {l.delay_minutes} min without acknowledgement</span>
                </li>
              ))}
            </ol>
          </div>
        ))}
        <form onSubmit={createPolicy}>
          <h4>New policy</h4>
          <label>
            Name <input aria-label="Policy name" value={policy.name} onInput={(e) => setPolicy({ ...policy, name: (e.target as HTMLInputElement).value })} />
          </label>
          {policy.levels.map((l, i) => (
            <div class="matcher-row">
              Level {i + 1}
              <select aria-label={`Level ${i + 1} target`} value={l.target} onChange={(e) => setPolicy({ ...policy, levels: policy.levels.map((x, j) => (j === i ? { ...x, target: (e.target as HTMLSelectElement).value } : x)) })}>
                <option value="">Notify…</option>
                {schedules.map((s) => (
                  <option value={`schedule:${s.id}`}>on call in {s.name}</option>
                ))}
                {members.map((m) => (
                  <option value={`user:${m.id}`}>{m.email}</option>
                ))}
                {contactPoints.map((c) => (
                  <option value={`contact_point:${c.id}`}>contact point {c.name}</option>
                ))}
              </select>
              then wait
              <input aria-label={`Level ${i + 1} delay`} type="number" min={1} value={l.delay_minutes} onInput={(e) => setPolicy({ ...policy, levels: policy.levels.map((x, j) => (j === i ? { ...x, delay_minutes: Number((e.target as HTMLInputElement).value) } : x)) })} />
              min
            </div>
          ))}
          <button type="button" class="link" onClick={() => setPolicy({ ...policy, levels: [...policy.levels, { delay_minutes: 5, target: "" }] })}>
            + level
          </button>
          <label>
            Repeat <input aria-label="Repeat" type="number" min={0} max={10} value={policy.repeat} onInput={(e) => setPolicy({ ...policy, repeat: Number((e.target as HTMLInputElement).value) })} />
          </label>
          <button class="primary" type="submit">
            Create policy
          </button>
        </form>
      </section>
      <section class="card">
        <h3>How people are reached</h3>
        <table class="plain">
          <tbody>
            {members.map((m) => (
              <tr>
                <td>{m.email}</td>
                <td>
                  <select aria-label={`Contact points of ${m.email}`} multiple onChange={(e) => setMemberCps(m, [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value))}>
                    {contactPoints.map((c) => (
                      <option value={c.id} selected={m.contactPointIds.includes(c.id)}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

import { describe, expect, it } from "vitest";
import { compileTimeInterval, intervalContains, validateTimeInterval, type TimeIntervalSpec } from "./time-intervals";

// Ported from prometheus/alertmanager timeinterval/timeinterval_test.go, timeIntervalTestCases
// (the same intervals and the same valid/invalid instants, RFC 822Z strings as ISO 8601).
const cases: { name: string; spec: TimeIntervalSpec; valid: string[]; invalid: string[] }[] = [
  { name: "empty interval contains everything", spec: {}, valid: ["2006-01-02T15:04:00Z", "2007-01-03T10:04:00Z"], invalid: [] },
  {
    name: "9am to 5pm, monday to friday",
    spec: { times: [{ start_time: "09:00", end_time: "17:00" }], weekdays: ["monday:friday"] },
    valid: ["2020-05-04T15:04:00Z", "2020-05-05T10:04:00Z", "2020-06-09T09:04:00Z"],
    invalid: ["2020-05-03T15:04:00Z", "2020-05-04T08:59:00Z", "2020-05-05T05:00:00Z"],
  },
  {
    name: "Easter 2020",
    spec: { days_of_month: ["4:6"], months: ["april"], years: ["2020"] },
    valid: ["2020-04-04T15:04:00Z", "2020-04-05T00:00:00Z", "2020-04-06T23:05:00Z"],
    invalid: ["2018-05-03T15:04:00Z", "2020-04-03T23:59:00Z", "2020-06-04T23:59:00Z", "2019-04-06T23:59:00Z", "2020-04-07T00:00:00Z"],
  },
  {
    name: "negative days of month: the last 3 days",
    spec: { days_of_month: ["-3:-1"] },
    valid: ["2020-01-31T15:04:00Z", "2020-01-30T15:04:00Z", "2020-01-29T15:04:00Z", "2020-06-30T00:00:00Z", "2020-02-29T23:05:00Z"],
    invalid: ["2018-05-03T15:04:00Z", "2020-01-27T15:04:00Z", "2020-04-03T23:59:00Z", "2020-06-04T23:59:00Z", "2020-03-01T00:00:00Z"],
  },
  {
    name: "out of bound days are clamped to the month",
    spec: { months: ["6"], days_of_month: ["-31:31"] },
    valid: ["2020-06-30T00:00:00Z", "2020-06-01T00:00:00Z"],
    invalid: ["2020-05-31T00:00:00Z", "2020-07-01T00:00:00Z"],
  },
  {
    name: "AEST 9am to 5pm, Monday to Friday",
    spec: { times: [{ start_time: "09:00", end_time: "17:00" }], weekdays: ["monday:friday"], location: "Australia/Sydney" },
    valid: ["2021-04-06T13:00:00+10:00"],
    invalid: ["2021-04-06T13:00:00Z"],
  },
  {
    name: "a zone during daylight saving time",
    spec: { times: [{ start_time: "09:00", end_time: "17:00" }], weekdays: ["monday:friday"], months: ["11"], location: "Australia/Sydney" },
    valid: ["2021-11-01T09:00:00+11:00", "2021-10-31T22:00:00Z"],
    invalid: ["2021-10-31T21:00:00Z"],
  },
  {
    name: "last-day mutes do not shift in spring-forward months",
    spec: { days_of_month: ["-1"], location: "America/New_York" },
    valid: ["2021-03-31T12:00:00-04:00"],
    invalid: ["2021-03-30T12:00:00-04:00"],
  },
];

describe("time intervals (Alertmanager timeinterval_test.go)", () => {
  for (const c of cases) {
    it(c.name, () => {
      const ti = compileTimeInterval(c.spec);
      for (const t of c.valid) expect(intervalContains(ti, Date.parse(t)), t).toBe(true);
      for (const t of c.invalid) expect(intervalContains(ti, Date.parse(t)), t).toBe(false);
    });
  }

  // Ported from timeStringTestCases: bad ranges are refused with the field that is wrong.
  it("refuses equal, reversed and out-of-range times, and unknown zones", () => {
    expect(validateTimeInterval({ times: [{ start_time: "00:00", end_time: "24:00" }] })).toEqual([]);
    expect(validateTimeInterval({ times: [{ start_time: "17:31", end_time: "17:31" }] })[0].path).toBe("times[0]");
    expect(validateTimeInterval({ times: [{ start_time: "12:30", end_time: "24:01" }] })[0].path).toBe("times[0].end_time");
    expect(validateTimeInterval({ times: [{ start_time: "09:30", end_time: "07:41" }] })[0].path).toBe("times[0]");
    expect(validateTimeInterval({ weekdays: ["friday:monday"] })[0].path).toBe("weekdays[0]");
    expect(validateTimeInterval({ weekdays: ["funday"] })[0].path).toBe("weekdays[0]");
    expect(validateTimeInterval({ months: ["13"] })[0].path).toBe("months[0]");
    expect(validateTimeInterval({ location: "Mars/Olympus" })[0].path).toBe("location");
  });
});

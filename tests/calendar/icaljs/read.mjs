// Reads one iCalendar document on stdin with ical.js and prints its VEVENTs as JSON.
//
// Used by tests/calendar/parsers.py: ical.js is the parser Thunderbird uses. This file is copied
// next to an ical.js install (see ensure_icaljs) so that `import "ical.js"` resolves there.
//
// Output: {"icaljs": VERSION, "events": [{uid, start, end, all_day, summary, status, sequence,
// transp, description, has_alarm}, ...]}, where a time is {"date": "YYYY-MM-DD"},
// {"utc": "YYYY-MM-DDTHH:MM:SSZ"} or {"floating": "YYYY-MM-DDTHH:MM:SS", "tzid": NAME | null}.
// Any parse error goes to stderr as "NAME: message" with exit status 1.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const VERSION = JSON.parse(
  readFileSync(new URL("./node_modules/ical.js/package.json", import.meta.url), "utf8"),
).version;

function timeToJson(time, property) {
  if (time === null || time === undefined) {
    return null;
  }
  if (time.isDate) {
    return { date: time.toString() };
  }
  const zone = time.zone;
  const resolved =
    zone === ICAL.Timezone.utcTimezone || (zone && zone !== ICAL.Timezone.localTimezone);
  if (resolved) {
    const utc = new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
    return { utc };
  }
  const tzid = property ? property.getParameter("tzid") || null : null;
  return { floating: time.toString(), tzid };
}

function readEvent(vevent) {
  const event = new ICAL.Event(vevent);
  const start = vevent.getFirstProperty("dtstart");
  if (!start) {
    throw new Error(`VEVENT ${event.uid} has no DTSTART`);
  }
  const hasEnd = vevent.hasProperty("dtend") || vevent.hasProperty("duration");
  const sequence = vevent.getFirstPropertyValue("sequence");
  return {
    uid: event.uid,
    start: timeToJson(event.startDate, start),
    // Without DTEND, ical.js adds DURATION to DTSTART: the end then has DTSTART's TZID.
    end: hasEnd ? timeToJson(event.endDate, vevent.getFirstProperty("dtend") ?? start) : null,
    all_day: event.startDate.isDate,
    summary: event.summary ?? "",
    status: vevent.getFirstPropertyValue("status"),
    sequence,
    transp: vevent.getFirstPropertyValue("transp"),
    description: event.description ?? null,
    has_alarm: vevent.getAllSubcomponents("valarm").length > 0,
  };
}

function main() {
  const text = readFileSync(0, "utf8");
  const jcal = ICAL.parse(text);
  // ICAL.parse returns one component, or an array of them when there are several (or none).
  const single = Array.isArray(jcal) && typeof jcal[0] === "string";
  if (!single) {
    const count = Array.isArray(jcal) ? jcal.length : 0;
    throw new Error(`expected exactly one top-level component, found ${count}`);
  }
  const calendar = new ICAL.Component(jcal);
  if (calendar.name !== "vcalendar") {
    throw new Error(`expected a VCALENDAR, found ${calendar.name.toUpperCase()}`);
  }
  const events = calendar.getAllSubcomponents("vevent").map(readEvent);
  process.stdout.write(JSON.stringify({ icaljs: VERSION, events }));
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error.name}: ${error.message}\n`);
  process.exit(1);
}

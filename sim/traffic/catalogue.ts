/**
 * The traces bundled in `data/traces/` (provenance and terms in `data/traces/README.md`): what each file is, its clock,
 * and the stretches where its zeros are missing logs rather than quiet.
 */

export const TRACE_NAMES = [
  "nasa-1995",
  "wc98",
  "autothrottle-bursty",
  "autothrottle-diurnal",
  "autothrottle-noisy",
  "autothrottle-diurnal-2",
] as const;
export type TraceName = (typeof TRACE_NAMES)[number];

export interface TraceInfo {
  name: TraceName;
  /** Path under `data/traces/`. `.gz` files are gunzipped on load. */
  file: string;
  /** The file as received, under the directory `scripts/prepare-traces.ts` reads. */
  sourceFile: string;
  title: string;
  /** One line of provenance, repeated in every run's notes. */
  provenance: string;
  stepSeconds: number;
  /** Values are request counts per step (`count`) or already requests per second (`rps`). */
  values: "count" | "rps";
  /** The clock of the file's timestamps and of window starts written without an offset, minutes east of UTC. */
  utcOffsetMinutes: number;
  /** For files without timestamps: where the series is placed on the simulated calendar (they carry no date). */
  nominalStart?: string;
  /** Stretches (in the trace's clock) with no log at all: their zeros are not real lulls. */
  gaps: { from: string; to: string; why: string }[];
  /** Reports built on this trace must carry this citation. */
  citation?: string;
}

const AUTOTHROTTLE_PROVENANCE =
  "microsoft/autothrottle (NSDI'24) traces/*.txt, MIT licence; derived from Twitter and Google cluster data";
/** Undated per-second traces start here, so that reports show plain hours. */
const AUTOTHROTTLE_START = "2024-01-01T00:00:00Z";

export const TRACES: Record<TraceName, TraceInfo> = {
  "nasa-1995": {
    name: "nasa-1995",
    file: "nasa-http-1995-per-minute.txt.gz",
    sourceFile: "nasa-http-1995-per-minute.csv",
    title: "NASA-HTTP 1995 (Kennedy Space Center web server)",
    provenance: "Internet Traffic Archive NASA-HTTP logs, per-minute counts; freely redistributable",
    stepSeconds: 60,
    values: "count",
    utcOffsetMinutes: -240,
    gaps: [
      { from: "1995-07-28 13:32", to: "1995-08-01 00:00", why: "the July log ends" },
      { from: "1995-08-01 14:52", to: "1995-08-03 04:36", why: "server down for Hurricane Erin" },
    ],
  },
  wc98: {
    name: "wc98",
    file: "wc98-per-minute.txt.gz",
    sourceFile: "wc98-per-minute.csv",
    title: "1998 FIFA World Cup web site (33 servers)",
    provenance: "WorldCup98 access logs, per-minute counts; terms in data/traces/WorldCup98-terms.html",
    stepSeconds: 60,
    values: "count",
    utcOffsetMinutes: 0,
    gaps: [],
    citation: 'M. Arlitt and T. Jin, "1998 World Cup Web Site Access Logs", August 1998',
  },
  "autothrottle-bursty": autothrottle("bursty"),
  "autothrottle-diurnal": autothrottle("diurnal"),
  "autothrottle-noisy": autothrottle("noisy"),
  "autothrottle-diurnal-2": autothrottle("diurnal-2"),
};

/** The four per-second autothrottle traces differ only in their name. */
function autothrottle(kind: "bursty" | "diurnal" | "noisy" | "diurnal-2"): TraceInfo {
  return {
    name: `autothrottle-${kind}`,
    file: `autothrottle/${kind}.txt`,
    sourceFile: `autothrottle/${kind}.txt`,
    title: `autothrottle ${kind} (1 h, per second)`,
    provenance: AUTOTHROTTLE_PROVENANCE,
    stepSeconds: 1,
    values: "rps",
    utcOffsetMinutes: 0,
    nominalStart: AUTOTHROTTLE_START,
    gaps: [],
  };
}

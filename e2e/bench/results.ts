// The results file's shape, built in a fixed key order so latest.json diffs cleanly between runs.
import type { Contender } from './contenders';
import type { LongTaskReport } from './long-tasks';
import type { MachineInfo } from './machine';
import type { BurstSample } from './scenarios/bursts';
import type { CognitoCalls } from './scenarios/cognito-calls';
import type { LatencyResult } from './scenarios/latency';
import type { LongTaskRun } from './scenarios/long-tasks';
import type { OfflineResult } from './scenarios/offline';
import type { TabCloseResult } from './scenarios/tab-close';
import type { ScriptBytes } from './script-bytes';
import { median, round } from './stats';

export interface RunInfo {
  command: string;
  date: string;
  chromium: string;
  machine: MachineInfo;
  method: {
    burstRounds: number;
    eventsPerBurst: number;
    mainThreadTimeDomain: string;
    gzipLevel: number;
    tabCloseEvents: number;
    closeAfterMs: number;
    offlineEvents: number;
    offlineMs: number;
    pacedEvents: number;
    paceMs: number;
    mobile: { latencyMs: number; cpuThrottlingRate: number };
    smallBurstEvents: number;
    smallBurstRounds: number;
    pageViews: number;
    tabs: number;
    coldRounds: number;
    longTaskCpuRate: number;
    longTaskRounds: number;
    longTaskColdEvents: number;
    longTaskWarmBursts: number[];
  };
  durationSeconds: number;
}

export interface ContenderResult {
  name: string;
  label: string;
  criticalPathGzipBytes: number;
  totalGzipBytes: number;
  trackUsPerCall: { median: number; min: number; max: number };
  trackLeavesBehind: string;
  deliver1000: { taskMsMedian: number; scriptMsMedian: number; fewestDelivered: number };
  requestsPer100Events: number;
  tabClose: { delivered: number; tracked: number };
  offline: { delivered: number; tracked: number; consoleProblems: number };
  /** track() → arrival at PutEvents, one event every paceMs on a warm page. */
  arrival: { desktop: LatencyResult; mobile: LatencyResult };
  /** PutEvents attempts for 100 events tracked in one task without flush() (median of the rounds). */
  smallBurstRequests: { median: number; runs: number[] };
  cognitoCalls: CognitoCalls;
  /** Mobile profile, fresh context: navigation start → first event at PutEvents. */
  coldFirstDeliveryMs: { median: number; runs: number[] };
  /** Longest task at 4× CPU: the worst round's report, and each round's longest task. */
  longTasks: { cold: LongTaskSummary; warm: (LongTaskSummary & { events: number })[] };
  scripts: { url: string; gzipBytes: number; critical: boolean }[];
}

export interface LongTaskSummary {
  runsMs: number[];
  worst: LongTaskReport;
}

/** What the later phases measured for one contender (the arguments of contenderResult after the first ones). */
export interface RealTimeSamples {
  arrival: { desktop: LatencyResult; mobile: LatencyResult };
  smallBurstRequests: number[];
  cognitoCalls: CognitoCalls;
  coldFirstDeliveryMs: number[];
  longTasks: LongTaskRun[];
  warmBursts: number[];
}

export interface BenchResults {
  run: RunInfo;
  contenders: ContenderResult[];
}

export function contenderResult(
  contender: Contender,
  bytes: ScriptBytes,
  bursts: BurstSample[],
  tabClose: TabCloseResult,
  offline: OfflineResult,
  realTime: RealTimeSamples,
): ContenderResult {
  const perCall = bursts.map((sample) => sample.trackUsPerCall);
  return {
    name: contender.name,
    label: contender.label,
    criticalPathGzipBytes: bytes.criticalGzipBytes,
    totalGzipBytes: bytes.totalGzipBytes,
    trackUsPerCall: { median: round(median(perCall), 2), min: round(Math.min(...perCall), 2), max: round(Math.max(...perCall), 2) },
    trackLeavesBehind: contender.deferredWork,
    deliver1000: {
      taskMsMedian: round(median(bursts.map((sample) => sample.taskMs)), 1),
      scriptMsMedian: round(median(bursts.map((sample) => sample.scriptMs)), 1),
      fewestDelivered: Math.min(...bursts.map((sample) => sample.delivered)),
    },
    requestsPer100Events: round(median(bursts.map((sample) => sample.requestsPer100)), 1),
    tabClose: { delivered: tabClose.delivered, tracked: tabClose.tracked },
    offline: { delivered: offline.delivered, tracked: offline.tracked, consoleProblems: offline.consoleProblems },
    arrival: realTime.arrival,
    smallBurstRequests: { median: median(realTime.smallBurstRequests), runs: realTime.smallBurstRequests },
    cognitoCalls: realTime.cognitoCalls,
    coldFirstDeliveryMs: { median: round(median(realTime.coldFirstDeliveryMs), 0), runs: realTime.coldFirstDeliveryMs },
    longTasks: {
      cold: summarizeLongTasks(realTime.longTasks.map((run) => run.cold)),
      warm: realTime.warmBursts.map((events, i) => ({ events, ...summarizeLongTasks(realTime.longTasks.flatMap((run) => run.warm[i] ?? [])) })),
    },
    scripts: bytes.scripts,
  };
}

function summarizeLongTasks(reports: LongTaskReport[]): LongTaskSummary {
  const worst = reports.reduce((top, next) => (next.longestTaskMs > top.longestTaskMs ? next : top));
  return { runsMs: reports.map((report) => report.longestTaskMs), worst };
}

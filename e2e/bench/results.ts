// The results file's shape, built in a fixed key order so latest.json diffs cleanly between runs.
import type { Contender } from './contenders';
import type { BurstSample } from './scenarios/bursts';
import type { OfflineResult } from './scenarios/offline';
import type { TabCloseResult } from './scenarios/tab-close';
import type { ScriptBytes } from './script-bytes';
import { median, round } from './stats';

export interface RunInfo {
  command: string;
  date: string;
  chromium: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; platform: string; node: string };
  method: {
    burstRounds: number;
    eventsPerBurst: number;
    mainThreadTimeDomain: string;
    gzipLevel: number;
    tabCloseEvents: number;
    closeAfterMs: number;
    offlineEvents: number;
    offlineMs: number;
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
  scripts: { url: string; gzipBytes: number; critical: boolean }[];
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
    scripts: bytes.scripts,
  };
}

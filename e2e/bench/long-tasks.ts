// The fourth instrument: long tasks (PerformanceObserver `longtask`, every main-thread task over
// 50 ms) and long animation frames (`long-animation-frame`, whose `scripts` name the script,
// function and entry point that ran: https://w3c.github.io/long-animation-frames/). The observers
// are installed before any page script, so a cold page's first tasks are seen too.
import type { BrowserContext, Page } from '@playwright/test';

/** One script entry of a long animation frame (only scripts over 5 ms are listed by Chromium). */
export interface ScriptAttribution {
  /** The file (path only) and character position of the function that was entered. */
  source: string;
  /** sourceFunctionName: empty for anonymous or minified-away names. */
  functionName: string;
  /** How it was entered: e.g. `Response.json.then`, `TimerHandler:setTimeout`, `IDBRequest.onsuccess`. */
  invoker: string;
  invokerType: string;
  durationMs: number;
}

export interface LongTaskReport {
  /** The longest task, 0 when none passed 50 ms. */
  longestTaskMs: number;
  /** Tasks over 50 ms. */
  longTasks: number;
  /** The long animation frame holding the longest task (or the longest frame), scripts longest first. */
  longestFrame?: { durationMs: number; blockingMs: number; scripts: ScriptAttribution[] };
}

interface RawTask {
  startTime: number;
  duration: number;
}
interface RawFrame extends RawTask {
  blockingDuration: number;
  scripts: { sourceURL: string; sourceCharPosition: number; sourceFunctionName: string; invoker: string; invokerType: string; duration: number }[];
}
type ObservedWindow = Window & { benchLongTasks: { tasks: RawTask[]; frames: RawFrame[] } };

/**
 * Page source, not a function: tsx would wrap a function's inner arrows in a helper the page lacks.
 * An engine without one of the entry types records nothing for it.
 */
const OBSERVER_SCRIPT = `(() => {
  const record = { tasks: [], frames: [] };
  window.benchLongTasks = record;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.tasks.push({ startTime: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries()) {
        record.frames.push({
          startTime: frame.startTime,
          duration: frame.duration,
          blockingDuration: frame.blockingDuration,
          scripts: frame.scripts.map((script) => ({
            sourceURL: script.sourceURL,
            sourceCharPosition: script.sourceCharPosition,
            sourceFunctionName: script.sourceFunctionName,
            invoker: script.invoker,
            invokerType: script.invokerType,
            duration: script.duration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
})();`;

export async function installLongTaskObserver(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: OBSERVER_SCRIPT });
}

/** Forgets what was recorded so far (before a warm-page measurement). */
export async function clearLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const record = (window as unknown as ObservedWindow).benchLongTasks;
    record.tasks.length = 0;
    record.frames.length = 0;
  });
}

export async function readLongTasks(page: Page): Promise<LongTaskReport> {
  const { tasks, frames } = await page.evaluate(() => (window as unknown as ObservedWindow).benchLongTasks);
  const longest = tasks.reduce<RawTask | undefined>((top, task) => (top && top.duration >= task.duration ? top : task), undefined);
  const end = (entry: RawTask) => entry.startTime + entry.duration;
  const holding = longest && frames.find((frame) => frame.startTime <= longest.startTime + 1 && end(longest) <= end(frame) + 1);
  const frame = holding ?? frames.reduce<RawFrame | undefined>((top, next) => (top && top.duration >= next.duration ? top : next), undefined);
  return {
    longestTaskMs: Math.round(longest?.duration ?? 0),
    longTasks: tasks.length,
    longestFrame: frame && {
      durationMs: Math.round(frame.duration),
      blockingMs: Math.round(frame.blockingDuration),
      scripts: frame.scripts
        .map((script) => ({
          source: `${pathOf(script.sourceURL)}:${script.sourceCharPosition}`,
          functionName: script.sourceFunctionName,
          invoker: script.invoker,
          invokerType: script.invokerType,
          durationMs: Math.round(script.duration),
        }))
        .sort((a, b) => b.durationMs - a.durationMs),
    },
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url || '(no source)';
  }
}

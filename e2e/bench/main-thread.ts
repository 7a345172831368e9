// Main-thread time of one page from Chrome's own counters (CDP Performance.getMetrics):
// TaskDuration (all tasks) and ScriptDuration (JavaScript). With threadTicks they count the
// thread's CPU time, which a busy two-core machine disturbs less than wall time.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

export interface MainThreadSample {
  taskMs: number;
  scriptMs: number;
}

export interface MainThreadMeter {
  /** 'threadTicks' when Chromium accepted it, else 'timeTicks' (wall time of the tasks). */
  timeDomain: string;
  read(): Promise<MainThreadSample>;
}

export async function openMainThreadMeter(context: BrowserContext, page: Page): Promise<MainThreadMeter> {
  const session: CDPSession = await context.newCDPSession(page);
  let timeDomain = 'threadTicks';
  try {
    await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  } catch {
    timeDomain = 'timeTicks';
    await session.send('Performance.enable', { timeDomain: 'timeTicks' });
  }
  return {
    timeDomain,
    async read() {
      const { metrics } = await session.send('Performance.getMetrics');
      const seconds = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? Number.NaN;
      return { taskMs: seconds('TaskDuration') * 1000, scriptMs: seconds('ScriptDuration') * 1000 };
    },
  };
}

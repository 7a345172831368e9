// Module resolution hooks (https://nodejs.org/api/module.html#customization-hooks) that log each resolved URL.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(process.env.MODULE_LOG, `${resolved.url}\n`);
  return resolved;
}

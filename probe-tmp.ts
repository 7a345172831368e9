import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import config from './rollup.config';
const loader = config.find((c) => c.input === 'src/script-tag.ts')!;
const bundle = await rollup({ ...loader, onwarn() {} });
const { output } = await bundle.generate({ format: 'iife' });
const chunk = output[0] as any;
for (const [id, mod] of Object.entries(chunk.modules as Record<string, { code: string | null }>)) {
  const min = (await minify(mod.code ?? '', { ecma: 2020, module: true, compress: false, mangle: false })).code ?? '';
  console.log(gzipSync(min, { level: 9 }).length, min.length, id.replace('/work/main/', ''));
}

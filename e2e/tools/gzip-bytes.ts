// A file's size as served compressed: gzip level 9, what a CDN typically serves.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

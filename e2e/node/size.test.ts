// Size is a feature: the gzip budgets of issue 5, checked on the build `npm test` just made, and
// the README's size line and size table, which must be the ones e2e/tools/sizes.ts generates from
// that build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BUDGETS, measureSizes, sizeLine, sizeTable } from '../tools/sizes';

const sizes = measureSizes();

test(`the script-tag loader is at most ${BUDGETS.loader} bytes gzip`, () => {
  assert.ok(sizes.loader <= BUDGETS.loader, `loader is ${sizes.loader} B`);
});

test(`everything the tracker loads is at most ${BUDGETS.total} bytes gzip`, () => {
  assert.ok(sizes.total <= BUDGETS.total, `loader + sender is ${sizes.total} B`);
});

test(`in relay mode, everything the tracker loads is at most ${BUDGETS.relayTotal} bytes gzip`, () => {
  assert.ok(sizes.relayTotal <= BUDGETS.relayTotal, `loader + relay chunk is ${sizes.relayTotal} B`);
});

test('the README shows the sizes of this build (regenerate with `npm run size -- --write`)', () => {
  assert.ok(readFileSync('README.md', 'utf8').includes(sizeTable(sizes)), 'README size table is stale');
});

test('the README opens with the size line of this build (regenerate with `npm run size -- --write`)', () => {
  assert.ok(readFileSync('README.md', 'utf8').includes(sizeLine(sizes)), 'README size line is stale');
});

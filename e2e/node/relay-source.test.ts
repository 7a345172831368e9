// What the relay's source promises: the core runs wherever Request and Response exist (no `node:`
// import, no Node-only global), the Node adapter included, so the entry loads in Workers and Deno;
// and it validates with the browser's own module, imported rather than copied.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const RELAY = 'src/relay';
const FILES = readdirSync(RELAY).filter((name) => name.endsWith('.ts')).map((name) => join(RELAY, name));
const NODE_ADAPTER = join(RELAY, 'node-listener.ts');
const NODE_GLOBALS = new Set(['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'setImmediate', 'module']);

/** Module specifiers and free identifiers of a file, read with the TypeScript parser (comments and strings are not code). */
function read(file: string): { specifiers: string[]; identifiers: Set<string> } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const identifiers = new Set<string>();
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]!)) specifiers.push(node.arguments[0].text);
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) && !ts.isPropertyAssignment(node.parent)) identifiers.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers, identifiers };
}

test('src/relay is there and the Node adapter is among its files', () => {
  assert.ok(FILES.includes(NODE_ADAPTER) && FILES.length > 5, FILES.join(', '));
});

test('the relay core (everything but the Node adapter) imports no node: module and names no Node-only global', () => {
  for (const file of FILES.filter((name) => name !== NODE_ADAPTER)) {
    const { specifiers, identifiers } = read(file);
    assert.deepEqual(specifiers.filter((specifier) => specifier.startsWith('node:') || /^(fs|http|https|stream|buffer|crypto|path|url|util|os|net)$/.test(specifier)), [], file);
    assert.deepEqual([...identifiers].filter((name) => NODE_GLOBALS.has(name)), [], file);
  }
});

test('the Node adapter needs no node: import either, so the entry loads in Workers and Deno', () => {
  assert.deepEqual(read(NODE_ADAPTER).specifiers.filter((specifier) => specifier.startsWith('node:')), []);
});

test('the relay imports only its own files, the browser validator and limits, the wire types, the public types and the AWS SDK', () => {
  const allowed = /^(\.\/|\.\.\/loader\/validate$|\.\.\/shared\/limits$|\.\.\/shared\/relay-wire$|\.\.\/types$|@aws-sdk\/client-personalize-events$)/;
  for (const file of FILES) assert.deepEqual(read(file).specifiers.filter((specifier) => !allowed.test(specifier)), [], file);
  const validators = FILES.filter((file) => read(file).specifiers.includes('../loader/validate'));
  assert.ok(validators.includes(join(RELAY, 'check-event.ts')), 'check-event.ts imports the browser validator');
  for (const file of FILES) assert.doesNotMatch(readFileSync(file, 'utf8'), /function (toEventFields|checkString)\b/, `${file} copies the validator`);
});

test('the entry only re-exports', () => {
  const source = ts.createSourceFile('index.ts', readFileSync(join(RELAY, 'index.ts'), 'utf8'), ts.ScriptTarget.Latest, true);
  assert.ok(source.statements.every((statement) => ts.isExportDeclaration(statement)), 'every statement of src/relay/index.ts is an export … from');
});

// Plain source in src/: comments point where a reader can follow (no issue numbers, no notes
// outside the repository, no machine paths), and no comma operators or assignments inside
// expressions: terser shrinks the output, the source is for people. Read with the TypeScript parser.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|md)$/.test(entry.name) ? [path] : [];
  });

const FILES = sourceFiles('src');
const CODE_FILES = FILES.filter((file) => file.endsWith('.ts'));

test('src/ cites no issue number, no notes outside the repository and no machine path', () => {
  const found = FILES.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => (/\bissue \d+|\bshared\/(reference|seeds|hooks)\b|\/work\//i.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(found, []);
});

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
]);

/** Whether `node` stands as a statement of its own (or a for loop's initialiser or step). */
function standsAlone(node: ts.Node): boolean {
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (ts.isExpressionStatement(parent)) return true;
  return ts.isForStatement(parent) && (parent.initializer === node || parent.incrementor === node);
}

/** Comma operators and assignments (=, op=) used as a value, as `file:line: text`. A counter's `i++` is read as the idiom it is. */
function findings(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) =>
    found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}: ${node.getText().slice(0, 60)}`);
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node)) {
      if (node.operatorToken.kind === ts.SyntaxKind.CommaToken) report(node, 'comma operator');
      else if (ASSIGNMENTS.has(node.operatorToken.kind) && !standsAlone(node)) report(node, 'assignment inside an expression');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('src/ has no comma operator and no assignment inside an expression', () => {
  assert.deepEqual(CODE_FILES.flatMap(findings), []);
});

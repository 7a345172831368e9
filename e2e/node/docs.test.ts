// What can be checked in docs/: every `aws …` command uses a subcommand and flags the AWS CLI has
// (with its required flags), every JSON document (heredocs, inline arguments, json blocks) parses,
// IAM policies have the statement shape, links between the docs land on a heading, privacy.md
// lists every storage name src/ uses, and the abuse-model mitigations of issue 12 (row 16) are there.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const DOCS = readdirSync('docs').filter((name) => name.endsWith('.md')).map((name) => join('docs', name));
const read = (file: string) => readFileSync(file, 'utf8');

/**
 * The AWS CLI commands the docs may use, with every flag each takes (from the CLI's service models,
 * botocore): `!` marks a required flag, `?` a boolean one (`--x` or `--no-x`).
 */
const AWS_COMMANDS: Record<string, string> = {
  'budgets create-budget': '!account-id !budget notifications-with-subscribers resource-tags',
  'cloudwatch put-metric-alarm': '!alarm-name alarm-description actions-enabled? ok-actions alarm-actions insufficient-data-actions metric-name namespace statistic extended-statistic dimensions period unit evaluation-periods datapoints-to-alarm threshold comparison-operator treat-missing-data evaluate-low-sample-count-percentile metrics tags threshold-metric-id',
  'cognito-identity create-identity-pool': '!identity-pool-name !allow-unauthenticated-identities? allow-classic-flow? supported-login-providers developer-provider-name open-id-connect-provider-arns cognito-identity-providers saml-provider-arns identity-pool-tags',
  'cognito-identity delete-identities': '!identity-ids-to-delete',
  'cognito-identity delete-identity-pool': '!identity-pool-id',
  'cognito-identity describe-identity-pool': '!identity-pool-id',
  'cognito-identity get-credentials-for-identity': '!identity-id logins custom-role-arn',
  'cognito-identity get-id': 'account-id !identity-pool-id logins',
  'cognito-identity set-identity-pool-roles': '!identity-pool-id !roles role-mappings',
  'cognito-identity update-identity-pool': '!identity-pool-id !identity-pool-name !allow-unauthenticated-identities? allow-classic-flow? supported-login-providers developer-provider-name open-id-connect-provider-arns cognito-identity-providers saml-provider-arns identity-pool-tags',
  'iam create-role': 'path !role-name !assume-role-policy-document description max-session-duration permissions-boundary tags',
  'iam delete-role': '!role-name',
  'iam delete-role-policy': '!role-name !policy-name',
  'iam put-role-policy': '!role-name !policy-name !policy-document',
  'personalize create-data-deletion-job': '!job-name !dataset-group-arn !data-source !role-arn tags',
  'personalize create-dataset': '!name !schema-arn !dataset-group-arn !dataset-type tags',
  'personalize create-dataset-export-job': '!job-name !dataset-arn ingestion-mode !role-arn !job-output tags',
  'personalize create-dataset-group': '!name role-arn kms-key-arn domain tags',
  'personalize create-event-tracker': '!name !dataset-group-arn tags',
  'personalize create-schema': '!name !schema domain',
  'personalize delete-dataset': '!dataset-arn',
  'personalize delete-dataset-group': '!dataset-group-arn',
  'personalize delete-event-tracker': '!event-tracker-arn',
  'personalize delete-schema': '!schema-arn',
  'personalize describe-dataset': '!dataset-arn',
  'personalize describe-dataset-group': '!dataset-group-arn',
  'personalize describe-event-tracker': '!event-tracker-arn',
  'personalize-events put-events': '!tracking-id user-id !session-id !event-list',
  'sns create-topic': '!name attributes tags data-protection-policy',
  'sns subscribe': '!topic-arn !protocol notification-endpoint attributes return-subscription-arn?',
  'sts get-caller-identity': '',
  'wafv2 associate-web-acl': '!web-acl-arn !resource-arn',
  'wafv2 create-web-acl': '!name !scope !default-action description rules !visibility-config data-protection-config tags custom-response-bodies captcha-config challenge-config token-domains association-config',
};
/** Options every command takes. */
const GLOBAL_FLAGS = ['region', 'query', 'output', 'profile', 'no-cli-pager'];
/** Stands in for shell variables so that documents holding them can be parsed. */
const VARIABLE = /\$\{\w+\}|\$\w+/g;

interface Block { file: string; lang: string; text: string }

/** Fenced code blocks, list-indented ones dedented. */
function codeBlocks(file: string): Block[] {
  return [...read(file).matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```/gm)].map(([, indent, lang, body]) => ({
    file,
    lang: lang!,
    text: body!.split('\n').map((line) => line.slice(indent!.length)).join('\n'),
  }));
}

const SHELL_BLOCKS = DOCS.flatMap(codeBlocks).filter((block) => block.lang === 'bash' || block.lang === 'sh');
const HEREDOC = /<<'?(\w+)'?\n([\s\S]*?)\n\1$/gm;

/** Shell words from `text` up to the end of the command (newline, `)`, `|`, `;`, `&`, `<`, `>`, `#`), quotes removed. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let index = 0; index < text.length; ) {
    const char = text[index]!;
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, index + 1);
      word = (word ?? '') + text.slice(index + 1, end);
      index = end + 1;
    } else if (char === '$' && text[index + 1] === '(') {
      let depth = 0;
      let end = index + 1;
      for (; end < text.length; end += 1) {
        if (text[end] === '(') depth += 1;
        else if (text[end] === ')' && --depth === 0) break;
      }
      word = (word ?? '') + text.slice(index, end + 1);
      index = end + 1;
    } else if (char === ' ' || char === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
      index += 1;
    } else if ('\n)|;&<>'.includes(char) || (char === '#' && word === undefined)) {
      break;
    } else {
      word = (word ?? '') + char;
      index += 1;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface AwsCommand { where: string; words: string[] }

function awsCommands(): AwsCommand[] {
  const commands: AwsCommand[] = [];
  const collect = (where: string, text: string) => {
    for (const match of text.matchAll(/(?:^|[\s(])aws\s/gm)) {
      const start = match.index + match[0].indexOf('aws');
      commands.push({ where, words: shellWords(text.slice(start)) });
    }
  };
  for (const block of SHELL_BLOCKS) collect(block.file, block.text.replace(HEREDOC, '').replace(/\\\n/g, ' '));
  for (const file of DOCS) for (const [, span] of read(file).matchAll(/`(aws [^`]+)`/g)) collect(file, span!);
  return commands;
}

/** JSON documents: heredocs written to .json files, single-quoted JSON arguments, json blocks. */
function jsonDocuments(): Array<{ where: string; text: string }> {
  const documents: Array<{ where: string; text: string }> = [];
  for (const block of SHELL_BLOCKS) {
    for (const match of block.text.matchAll(/cat > (\S+\.json) <<'?(\w+)'?\n([\s\S]*?)\n\2$/gm)) {
      documents.push({ where: `${block.file} ${match[1]}`, text: match[3]! });
    }
  }
  for (const command of awsCommands()) {
    for (const [index, word] of command.words.entries()) {
      // A --query value is JMESPath, not JSON.
      if (/^[[{]/.test(word) && command.words[index - 1] !== '--query') documents.push({ where: `${command.where} ${command.words.slice(0, 3).join(' ')}`, text: word });
    }
  }
  for (const file of DOCS) for (const block of codeBlocks(file).filter((b) => b.lang === 'json')) documents.push({ where: file, text: block.text });
  return documents;
}

describe('docs: commands and documents', () => {
  test('every aws command is a known subcommand with known flags and its required ones', () => {
    const commands = awsCommands();
    assert.ok(commands.length >= 30, `found ${commands.length} aws commands`);
    for (const { where, words } of commands) {
      const name = words.slice(1, 3).join(' ');
      const spec = AWS_COMMANDS[name];
      assert.ok(spec !== undefined, `${where}: unknown command "aws ${name}"`);
      const flags = spec.split(' ').filter(Boolean);
      const bare = (flag: string) => flag.replace(/^!/, '').replace(/\?$/, '');
      const given = words.filter((word) => word.startsWith('--')).map((word) => word.slice(2).split('=')[0]!);
      for (const flag of given) {
        const known = GLOBAL_FLAGS.includes(flag) || flags.some((f) => bare(f) === flag || (f.endsWith('?') && `no-${bare(f)}` === flag));
        assert.ok(known, `${where}: "aws ${name}" has no flag --${flag}`);
      }
      for (const required of flags.filter((f) => f.startsWith('!')).map(bare)) {
        assert.ok(given.includes(required) || given.includes(`no-${required}`), `${where}: "aws ${name}" needs --${required}`);
      }
    }
  });

  test('every JSON document parses, and IAM policies have the statement shape', () => {
    const documents = jsonDocuments();
    assert.ok(documents.length >= 8, `found ${documents.length} JSON documents`);
    for (const { where, text } of documents) {
      let value: unknown;
      assert.doesNotThrow(() => (value = JSON.parse(text.replace(VARIABLE, '1234'))), `${where} is not valid JSON:\n${text}`);
      const policy = value as { Version?: string; Statement?: Array<Record<string, unknown>> };
      if (policy.Version === undefined) continue;
      assert.equal(policy.Version, '2012-10-17', where);
      assert.ok(Array.isArray(policy.Statement) && policy.Statement.length > 0, `${where}: Statement list`);
      for (const statement of policy.Statement) {
        assert.ok(statement.Effect === 'Allow' || statement.Effect === 'Deny', `${where}: Effect`);
        assert.ok(typeof statement.Action === 'string' || Array.isArray(statement.Action), `${where}: Action`);
        assert.ok('Resource' in statement || 'Principal' in statement, `${where}: Resource or Principal`);
      }
    }
  });

  test('links between the docs land on a heading that exists', () => {
    const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
    const anchors = (file: string) => new Set([...read(file).matchAll(/^#+ (.+)$/gm)].map(([, heading]) => slug(heading!)));
    for (const file of DOCS) {
      for (const [, target, anchor] of read(file).matchAll(/\]\(([\w-]*\.md)?#([\w-]+)\)/g)) {
        assert.ok(anchors(target ? join('docs', target) : file).has(anchor!), `${file}: link to ${target ?? ''}#${anchor} has no heading`);
      }
    }
  });
});

describe('docs: what issue 12 asks them to say', () => {
  const setup = read('docs/aws-setup.md');
  const privacy = read('docs/privacy.md');
  const policyResources = jsonDocuments()
    .filter(({ where }) => where.includes('guest-putevents.json'))
    .map(({ text }) => (JSON.parse(text.replace(VARIABLE, 'X')) as { Statement: Array<{ Resource: string }> }).Statement[0]!.Resource);

  test('aws-setup.md explains the abuse model and each mitigation, with its commands', () => {
    assert.match(setup, /## 8\. Abuse of the public pool/);
    assert.match(setup, /any `userId`/);
    for (const mitigation of [/Unguessable user ids/, /keyed hash/, /aws budgets create-budget/, /aws cloudwatch put-metric-alarm/, /aws wafv2 create-web-acl/, /RateBasedStatement/, /aws personalize create-data-deletion-job/, /send from your server/]) {
      assert.match(setup, mitigation);
    }
  });

  test('the identity pool is created with --no-allow-classic-flow, and the setting is checked', () => {
    const create = awsCommands().find(({ words }) => words[2] === 'create-identity-pool')!;
    assert.ok(create.words.includes('--no-allow-classic-flow'));
    const check = awsCommands().find(({ words }) => words[2] === 'describe-identity-pool')!;
    assert.equal(check.words[check.words.indexOf('--query') + 1], 'AllowClassicFlow');
  });

  test('the policy names the tracker, then event-tracker/*, and only then mentions a bare *', () => {
    assert.deepEqual(policyResources.map((resource) => resource.replace(/^arn:aws:personalize:X:X:/, '')), ['X', 'event-tracker/*']);
    assert.ok(setup.indexOf('event-tracker/*"') < setup.indexOf('bare `"Resource": "*"`'));
  });

  test('privacy.md asks for unguessable user ids, not customer numbers, and links the mitigations', () => {
    assert.doesNotMatch(privacy, /opaque `userId` \(your\s+internal customer number/);
    assert.match(privacy, /\*\*unguessable\*\* `userId`/);
    assert.match(privacy, /## Abuse of the public pool/);
  });

  test('privacy.md lists every storage key, database and lock name that src/ uses', () => {
    const list = privacy.slice(privacy.indexOf('<!-- storage-items:start -->'), privacy.indexOf('<!-- storage-items:end -->'));
    assert.ok(list.length > 100, 'privacy.md has its storage list between the markers');
    const sources = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).map((name) => read(join('src', name)));
    const names = new Set(sources.flatMap((source) => [...source.matchAll(/['"`]((?:personalize-tracker|aws:[a-z][a-z-]*)(?:[:-][a-z][a-z-]*)*:?)(['"`]|\$\{)/g)].map(([, name, after]) => (after === '${' ? `${name}…` : name!))));
    assert.ok(names.size >= 5, `found ${[...names].join(', ')}`);
    for (const name of names) {
      const prefix = name.endsWith(':') || name.endsWith('…');
      const listed = prefix ? list.includes(`\`${name.replace(/…$/, '')}`) : list.includes(`\`${name}\``);
      assert.ok(listed, `privacy.md's storage list lacks ${name}`);
    }
  });
});

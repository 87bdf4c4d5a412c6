/**
 * README code blocks ⇄ consumer-app templates, so the READMEs cannot drift from what the
 * consumer test compiles and runs.
 *
 * In a README, a marker line right before a fenced block names where its code lives:
 *
 *     <!-- consumer-test: express/src/authkit.ts -->            the whole template file
 *     <!-- consumer-test: express/src/authkit.ts#plannr-route --> one region of it
 *     <!-- consumer-test: express/install -->                    the app's install commands (sh)
 *
 * In a template, a region is delimited by full-line markers (`// readme:begin <name>` …
 * `// readme:end <name>`, or the same inside `<!-- … -->`). A file's text is its lines outside
 * every region; a region's text is its own lines, without those of regions nested in it. So a
 * README shows the Planday quick start without the Plannr lines the same file also holds, and
 * shows those Plannr lines in a block of their own. Texts are compared after removing their
 * common indentation.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const consumerTestDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const templatesDir = path.join(consumerTestDir, 'templates');
export const workspaceRoot = path.resolve(consumerTestDir, '../..');

/** READMEs whose blocks are checked. */
export const READMES = ['README.md', 'packages/core/README.md', 'packages/express/README.md', 'packages/nestjs/README.md', 'packages/next-auth/README.md'];

/**
 * The user code to connect Planday (pasted refresh token) and make one call, per consumer app:
 * the README blocks a user copies, counted in the apps the consumer test runs. The paste form
 * is markup and counted apart.
 */
export const PLANDAY_PATH = {
  core: { code: ['core/src/planday.ts'], form: [] },
  express: { code: ['express/src/authkit.ts'], form: ['express/src/connect-planday.html'] },
  nest: { code: ['nest/src/connections.module.ts'], form: ['nest/src/connect-planday.html'] },
  next: {
    code: ['next/src/lib/authkit.ts', 'next/src/app/api/authkit/[...authkit]/route.ts', 'next/src/app/departments/page.tsx'],
    form: ['next/src/app/connect-planday/page.tsx'],
  },
};

const MARKER = /^\s*(?:\/\/|<!--|\{\/\*)\s*readme:(begin|end)\s+([\w-]+)\s*(?:-->|\*\/\})?\s*$/;

/** Splits a template file into its top-level text and its regions' texts. */
export function parseTemplate(file) {
  const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  const stack = [];
  const regions = new Map();
  const outside = [];
  lines.forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (marker !== null) {
      const [, kind, name] = marker;
      if (kind === 'begin') {
        if (regions.has(name)) throw new Error(`${file}:${index + 1}: region ${name} begins twice`);
        regions.set(name, []);
        stack.push(name);
      } else if (stack.pop() !== name) {
        throw new Error(`${file}:${index + 1}: readme:end ${name} does not close the innermost region`);
      }
      return;
    }
    (stack.length === 0 ? outside : regions.get(stack.at(-1))).push(line);
  });
  if (stack.length > 0) throw new Error(`${file}: region ${stack.at(-1)} never ends`);
  return { text: dedent(outside), regions: new Map([...regions].map(([name, body]) => [name, dedent(body)])) };
}

function dedent(lines) {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)[0].length);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  const text = lines.map((line) => line.slice(cut).trimEnd()).join('\n');
  return text.replace(/^\n+|\n+$/g, '');
}

/** The text a reference (`app/path` or `app/path#region`) names in the templates. */
export function templateText(reference) {
  const [relative, region] = reference.split('#');
  const file = path.join(templatesDir, relative);
  if (!existsSync(file)) throw new Error(`no template ${relative}`);
  const parsed = parseTemplate(file);
  if (region === undefined) return parsed.text;
  if (!parsed.regions.has(region)) throw new Error(`${relative} has no region ${region}`);
  return parsed.regions.get(region);
}

/** Every `<!-- consumer-test: … -->` block of a README: { readme, line, reference, lang, text }. */
export function readmeBlocks(readme) {
  const lines = readFileSync(path.join(workspaceRoot, readme), 'utf8').split('\n');
  const blocks = [];
  lines.forEach((line, index) => {
    const marker = /^<!--\s*consumer-test:\s*(\S+)\s*-->\s*$/.exec(line);
    if (marker === null) return;
    const fence = /^```(\w*)\s*$/.exec(lines[index + 1] ?? '');
    if (fence === null) throw new Error(`${readme}:${index + 1}: the consumer-test marker must be followed by a code fence`);
    const end = lines.findIndex((candidate, at) => at > index + 1 && /^```\s*$/.test(candidate));
    if (end < 0) throw new Error(`${readme}:${index + 2}: unclosed code fence`);
    blocks.push({ readme, line: index + 1, reference: marker[1], lang: fence[1], text: dedent(lines.slice(index + 2, end)) });
  });
  return blocks;
}

/** Every README block that names a template, compared with it. Returns problems. */
export function compareReadmes() {
  const problems = [];
  const referenced = new Set();
  for (const readme of READMES) {
    for (const block of readmeBlocks(readme)) {
      if (block.reference.endsWith('/install')) continue;
      referenced.add(block.reference);
      let expected;
      try {
        expected = templateText(block.reference);
      } catch (error) {
        problems.push(`${readme}:${block.line}: ${error.message}`);
        continue;
      }
      if (expected !== block.text) problems.push(`${readme}:${block.line}: the block differs from templates/${block.reference}\n${diff(expected, block.text)}`);
    }
  }
  // Every region, and every file of the Planday path, is shown in some README.
  for (const file of templateFiles()) {
    const { regions } = parseTemplate(path.join(templatesDir, file));
    for (const name of regions.keys()) if (!referenced.has(`${file}#${name}`)) problems.push(`templates/${file}#${name} is in no README`);
  }
  for (const { code, form } of Object.values(PLANDAY_PATH)) {
    for (const file of [...code, ...form]) if (!referenced.has(file)) problems.push(`templates/${file} (the Planday path) is in no README`);
  }
  return problems;
}

/** The install commands of an app (`<!-- consumer-test: <app>/install -->` blocks): [{ readme, dev, packages }]. */
export function installCommands(app) {
  const commands = [];
  for (const readme of READMES) {
    for (const block of readmeBlocks(readme)) {
      if (block.reference !== `${app}/install`) continue;
      for (const raw of block.text.split('\n')) {
        const line = raw.replace(/#.*$/, '').trim();
        if (line === '') continue;
        const words = line.split(/\s+/);
        if (words[0] !== 'npm' || !['i', 'install'].includes(words[1])) throw new Error(`${readme}:${block.line}: not an npm install: ${line}`);
        const dev = words.includes('-D') || words.includes('--save-dev');
        commands.push({ readme, dev, packages: words.slice(2).filter((word) => !word.startsWith('-')) });
      }
    }
  }
  return commands;
}

function templateFiles() {
  return readdirSync(templatesDir, { recursive: true })
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => /\.(ts|tsx|mjs|html)$/.test(name));
}

/** Lines of code: not blank, not only a comment. */
export function countLines(text) {
  return text.split('\n').filter((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !/^(\/\/|\/\*|\*|\{\/\*|<!--)/.test(trimmed);
  }).length;
}

/** The Planday path's line count per app: { app: { code, form, files } }. */
export function plandayLineCounts() {
  const counts = {};
  for (const [app, { code, form }] of Object.entries(PLANDAY_PATH)) {
    const sum = (files) => files.reduce((total, file) => total + countLines(templateText(file)), 0);
    counts[app] = { code: sum(code), form: sum(form), files: code.map((file) => `${file}: ${countLines(templateText(file))}`) };
  }
  return counts;
}

function diff(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const out = [];
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    if (a[index] === b[index]) continue;
    if (a[index] !== undefined) out.push(`    template ${index + 1}: ${a[index]}`);
    if (b[index] !== undefined) out.push(`    README   ${index + 1}: ${b[index]}`);
    if (out.length > 8) break;
  }
  return out.join('\n');
}

/** Rewrites every marked README block from its template (`check-readmes.mjs --write`). */
export function writeReadmes() {
  for (const readme of READMES) {
    const file = path.join(workspaceRoot, readme);
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const block of readmeBlocks(readme).reverse()) {
      if (block.reference.endsWith('/install')) continue;
      const start = block.line + 1; // the line after the opening fence (0-based index of the first code line)
      const end = lines.findIndex((line, at) => at > block.line && /^```\s*$/.test(line));
      lines.splice(start, end - start, ...templateText(block.reference).split('\n'));
    }
    writeFileSync(file, lines.join('\n'));
  }
}

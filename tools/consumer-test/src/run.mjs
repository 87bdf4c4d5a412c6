#!/usr/bin/env node
/**
 * The consumer test: AuthKit as an npm user gets it.
 *
 *  1. The README blocks equal the templates (readme-blocks.mjs).
 *  2. Every public package is packed as it is published and its tarball checked.
 *  3. Fresh apps — core, Express, NestJS, Next.js — are made from the templates; their
 *     package.json is the app's own dependencies plus what the README's install block lists,
 *     @authkit/* from the tarballs; plain `npm install` (one npm cache, kept between runs).
 *  4. Each app is type-checked with strict settings (exactOptionalPropertyTypes,
 *     skipLibCheck off) under moduleResolution node16, nodenext and bundler.
 *  5. Built (tsc; `next build` with no provider or AuthKit variable set) and run against
 *     @authkit/sandbox's bin from its tarball: a user signs in, pastes a Planday portal's
 *     refresh token into the README's form, gets the departments; connects Plannr through
 *     OAuth (auto-approved) and gets the contacts. The providers' real hosts reach the sandbox
 *     through host-map.mjs, so the README code runs with its production defaults.
 *  6. Prints the lines of user code each app needs to connect Planday and make one call.
 *
 * Environment: AUTHKIT_CONSUMER_DIR (work directory, default a new $TMPDIR/authkit-consumer-test-*),
 * AUTHKIT_NPM_CACHE (default $TMPDIR/authkit-consumer-npm-cache), AUTHKIT_CONSUMER_KEEP=1
 * keeps the work directory.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { compareReadmes, consumerTestDir, installCommands, plandayLineCounts, templatesDir, workspaceRoot } from './readme-blocks.mjs';
import { PUBLIC_PACKAGE_DIRS, inspectTarball, packPackage, summary } from '../../release/tarball.mjs';
import { Browser, readForm } from './browser.mjs';

const run = promisify(execFile);
const started = Date.now();
// One directory per run (runs may overlap on a shared machine); one npm cache for all of them.
const work = process.env.AUTHKIT_CONSUMER_DIR ?? mkdtempSync(path.join(tmpdir(), 'authkit-consumer-test-'));
const npmCache = process.env.AUTHKIT_NPM_CACHE ?? path.join(tmpdir(), 'authkit-consumer-npm-cache');
const logs = path.join(work, 'logs');
const hostMap = path.join(consumerTestDir, 'src/host-map.mjs');

/**
 * The versions of the third-party packages the READMEs tell a user to install, and of the
 * apps' own dependencies: pinned, so runs are repeatable and npm's cache answers.
 */
const PINNED = {
  express: '5.3.0',
  '@types/express': '5.0.6',
  '@nestjs/passport': '12.0.0',
  '@nestjs/config': '12.0.1',
  passport: '0.7.0',
  'passport-oauth2': '1.8.0',
  '@types/passport-oauth2': '1.8.0',
  'next-auth': '4.24.15',
};

/** What each app gets besides its README's install block: the packages no README example installs. */
const EXTRA = { core: ['@authkit/cli', '@authkit/store-file', '@authkit/store-redis', '@authkit/store-postgres'] };

/** Entry points each app loads with `import` and with `require` (every package, once, beside its peers). */
const LOADS = {
  core: ['@authkit/core', '@authkit/core/node', '@authkit/sandbox', '@authkit/cli', '@authkit/store-file', '@authkit/store-redis', '@authkit/store-postgres'],
  express: ['@authkit/express'],
  nest: ['@authkit/nestjs'],
  next: ['@authkit/next-auth'],
};

const APPS = ['core', 'express', 'nest', 'next'];
const children = new Set();

// ---------------------------------------------------------------------------------------------
const elapsed = (since = started) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
async function step(title, work) {
  const at = Date.now();
  console.log(`\n▶ ${title}`);
  const result = await work();
  console.log(`✔ ${title} (${elapsed(at)})`);
  return result;
}
function fail(message) {
  throw new Error(message);
}

/** Runs a command, its output into logs/<name>.log; on failure the log's tail is in the error. */
async function sh(name, command, args, options = {}) {
  const log = path.join(logs, `${name}.log`);
  const at = Date.now();
  try {
    const { stdout, stderr } = await run(command, args, { maxBuffer: 64 * 1024 * 1024, ...options });
    writeFileSync(log, `$ ${command} ${args.join(' ')}\n${stdout}${stderr}`);
    return { stdout, seconds: (Date.now() - at) / 1000 };
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    writeFileSync(log, `$ ${command} ${args.join(' ')}\n${output}`);
    throw new Error(`${name} failed (${log}):\n${output.split('\n').slice(-40).join('\n')}`);
  }
}

/** Runs tasks with at most `limit` at a time (2 cores). */
async function pool(limit, tasks) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a long-running process; resolves once its output matches `ready`. */
function start(name, command, args, { ready, timeoutMs = 60_000, ...options }) {
  const log = createWriteStream(path.join(logs, `${name}.log`));
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in ${timeoutMs / 1000}s:\n${output.slice(-3000)}`)), timeoutMs);
    const onData = (chunk) => {
      log.write(chunk);
      output += chunk;
      const match = ready.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, match, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output.slice(-3000)}`));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

// ---------------------------------------------------------------------------------------------
async function packAll(packs) {
  const tarballs = {};
  const lines = [];
  for (const dir of PUBLIC_PACKAGE_DIRS) {
    const packageDir = path.join(workspaceRoot, 'packages', dir);
    const tarball = packPackage(packageDir, packs);
    const { manifest, files, problems } = inspectTarball(tarball, packageDir);
    if (problems.length > 0) fail(`${path.basename(tarball)}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    tarballs[manifest.name] = tarball;
    lines.push(`  ${summary(tarball, files)}: ${files.map((file) => file.path).filter((file) => !file.endsWith('.map')).join(', ')}`);
  }
  console.log(lines.join('\n'));
  return tarballs;
}

/** An app: the template copied, its package.json = the app's own + its README install block. */
function createApp(app, tarballs) {
  const dir = path.join(work, app);
  cpSync(path.join(templatesDir, app), dir, { recursive: true, filter: (source) => !source.endsWith('package.base.json') });
  const manifest = JSON.parse(readFileSync(path.join(templatesDir, app, 'package.base.json'), 'utf8'));
  manifest.dependencies ??= {};
  manifest.devDependencies ??= {};
  const add = (name, dev) => {
    const range = name.startsWith('@authkit/') ? `file:${tarballs[name] ?? fail(`${app}: the README installs ${name}, which is not a packed package`)}` : (PINNED[name] ?? fail(`${app}: the README installs ${name}; pin its version in PINNED (tools/consumer-test/src/run.mjs)`));
    (dev ? manifest.devDependencies : manifest.dependencies)[name] = range;
  };
  const commands = installCommands(app);
  if (commands.length === 0) fail(`no README has a <!-- consumer-test: ${app}/install --> block`);
  for (const { dev, packages } of commands) {
    for (const spec of packages) add(spec.replace(/(?<=.)@[^/]*$/, ''), dev);
  }
  for (const name of EXTRA[app] ?? []) add(name, false);
  // The tarballs depend on each other by version (`@authkit/core: 0.1.0`): the same files.
  manifest.overrides = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [mode, compilerOptions] of Object.entries(MODES)) {
    writeFileSync(path.join(dir, `tsconfig.${mode}.json`), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { ...compilerOptions, skipLibCheck: false, noEmit: true } }, null, 2));
  }
  return { app, dir, commands };
}

const MODES = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};

function npmInstall({ app, dir }) {
  return sh(`npm-install-${app}`, 'npm', ['install', '--cache', npmCache, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
}

/**
 * tsc with skipLibCheck off: the app's code and every @authkit declaration must be clean.
 * Errors inside other packages' declarations (next's and next-auth's under strict settings:
 * their optional peers' types, ES2024 names) are not AuthKit's: counted, not failed.
 */
async function typecheck({ app, dir }, mode) {
  const args = [path.join(dir, 'node_modules/typescript/bin/tsc'), '-p', mode === 'build' ? 'tsconfig.json' : `tsconfig.${mode}.json`, '--pretty', 'false'];
  const at = Date.now();
  const result = await run(process.execPath, args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout }) => stdout,
    (error) => (typeof error.code === 'number' ? `${error.stdout}${error.stderr}` : Promise.reject(error)),
  );
  writeFileSync(path.join(logs, `tsc-${app}-${mode}.log`), result);
  const errors = result.split('\n').filter((line) => /^\S.*\(\d+,\d+\): error TS\d+/.test(line));
  const ours = errors.filter((line) => !line.startsWith('node_modules/') || line.startsWith('node_modules/@authkit/'));
  if (ours.length > 0 || (errors.length === 0 && result.trim() !== '')) fail(`tsc ${app} (${mode}):\n${result.split('\n').slice(0, 40).join('\n')}`);
  const others = new Set(errors.map((line) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(line)?.[1]));
  return `${((Date.now() - at) / 1000).toFixed(1)}s${errors.length > 0 ? `; ${errors.length} errors in other packages' declarations not counted (${[...others].join(', ')})` : ''}`;
}

/** The environment an app runs with; `next build` gets none of it. */
function baseEnv() {
  const env = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TERM']) if (process.env[key] !== undefined) env[key] = process.env[key];
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
}

// ---------------------------------------------------------------------------------------------
/** Signs in, pastes a Planday token through the README's form, calls; connects Plannr by OAuth, calls. */
async function exercise({ app, origin, base, signIn, sandbox }) {
  const browser = new Browser();
  await signIn(browser);

  // Planday: the README's form, as a browser submits it.
  const { refreshToken } = await sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: sandbox.demoClients.planday.clientId });
  const page = await browser.request(`${origin}/connect-planday`);
  if (page.status !== 200) fail(`${app}: GET /connect-planday → ${page.status}`);
  const form = readForm(await page.text());
  if (form.action !== `${base}/planday/refresh-token`) fail(`${app}: the form posts to ${form.action}, not ${base}/planday/refresh-token`);
  const pasted = await browser.navigate(new URL(form.action, origin).href, { method: 'POST', form: { ...form.fields, refreshToken } });
  if (pasted.url.pathname !== '/departments' || pasted.url.searchParams.get('authkit') !== 'connected') {
    fail(`${app}: pasting the Planday token ended at ${pasted.url.href}: ${pasted.visited.join(', ')}\n${(await pasted.response.text()).slice(0, 800)}`);
  }
  const departments = (await pasted.response.text()).replaceAll('&quot;', '"'); // JSON, or a page showing it
  if (pasted.response.status !== 200 || !departments.includes('"data"')) fail(`${app}: /departments → ${pasted.response.status}\n${departments.slice(0, 800)}`);

  // Plannr: the browser flow through the sandbox (auto-approved), back to /contacts.
  const oauth = await browser.navigate(`${origin}${base}/plannr/connect?returnTo=${encodeURIComponent('/contacts')}`);
  if (oauth.url.pathname !== '/contacts' || oauth.url.searchParams.get('authkit') !== 'connected') {
    fail(`${app}: the Plannr authorization ended at ${oauth.url.href}: ${oauth.visited.join(', ')}\n${(await oauth.response.text()).slice(0, 800)}`);
  }
  const contacts = (await oauth.response.text()).replaceAll('&quot;', '"');
  if (oauth.response.status !== 200 || !contacts.includes('"data"')) fail(`${app}: /contacts → ${oauth.response.status}\n${contacts.slice(0, 800)}`);
  return `Planday: form → ${pasted.visited.length} requests → /departments ${departments.length} bytes; Plannr: ${oauth.visited.map((line) => line.split(' ')[1].replace(/\?.*/, '').replace(/^https?:\/\/[^/]+/, '')).join(' → ')}`;
}

const SIGN_IN = {
  async express(browser, origin) {
    const response = await browser.request(`${origin}/sign-in`, { method: 'POST', form: { user: 'alice' } });
    if (response.status !== 303) fail(`express: sign-in → ${response.status}`);
  },
  async nest(browser, origin) {
    browser.setCookie(origin, 'user', 'alice');
  },
  async next(browser, origin) {
    const csrf = await browser.request(`${origin}/api/auth/csrf`);
    const { csrfToken } = await csrf.json();
    const response = await browser.request(`${origin}/api/auth/callback/credentials`, { method: 'POST', form: { csrfToken, user: 'alice', callbackUrl: `${origin}/` } });
    if (response.status !== 302 || !response.headers.getSetCookie().some((cookie) => cookie.startsWith('next-auth.session-token='))) {
      fail(`next: sign-in → ${response.status} ${response.headers.get('location')}`);
    }
  },
};
const BASE_PATH = { express: '/connections', nest: '/authkit', next: '/api/authkit' };

async function serveAndExercise({ app, dir }, sandbox) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const base = BASE_PATH[app];
  await sandbox.addRedirectUri('plannr', sandbox.demoClients.plannr.clientId, `${origin}${base}/plannr/callback`);
  const env = {
    ...baseEnv(),
    PORT: String(port),
    NODE_OPTIONS: `--import ${pathToFileURL(hostMap).href}`,
    AUTHKIT_CONSUMER_SANDBOX_URL: sandbox.url,
    PLANDAY_CLIENT_ID: sandbox.demoClients.planday.clientId,
    PLANNR_CLIENT_ID: sandbox.demoClients.plannr.clientId,
    PLANNR_CLIENT_SECRET: sandbox.demoClients.plannr.clientSecret,
    AUTHKIT_COOKIE_SECRET: 'consumer-test-cookie-secret-0123456789abcdef',
    NEXTAUTH_SECRET: 'consumer-test-nextauth-secret-0123456789abcdef',
    NEXTAUTH_URL: origin,
  };
  const server =
    app === 'next'
      ? await start(`serve-${app}`, process.execPath, [path.join(dir, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env, ready: /Ready in|started server on/i })
      : await start(`serve-${app}`, process.execPath, [app === 'express' ? 'dist/server.js' : 'dist/main.js'], { cwd: dir, env, ready: /listening on/ });
  try {
    return await exercise({ app, origin, base, sandbox, signIn: (browser) => SIGN_IN[app](browser, origin) });
  } catch (error) {
    error.message += `\n--- ${app} server output ---\n${server.output().slice(-3000)}`;
    throw error;
  } finally {
    await stop(server.child);
  }
}

// ---------------------------------------------------------------------------------------------
async function main() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(logs, { recursive: true });
  const packs = path.join(work, 'packs');
  mkdirSync(packs);

  await step('README blocks equal the consumer templates', async () => {
    const problems = compareReadmes();
    if (problems.length > 0) fail(problems.join('\n'));
  });
  const tarballs = await step('pack every public package (pnpm pack, as published) and check the tarballs', () => packAll(packs));
  const apps = APPS.map((app) => createApp(app, tarballs));

  await step(`npm install, from the tarballs (cache ${npmCache})`, async () => {
    const results = await Promise.all(apps.map(async (app) => ({ app: app.app, ...(await npmInstall(app)) })));
    for (const { app, seconds } of results) console.log(`  ${app}: ${seconds.toFixed(1)}s`);
  });

  // Type checks (3 modes × 4 apps), the builds and `next build`, two at a time.
  await step('type-check (strict, exactOptionalPropertyTypes, skipLibCheck off) under node16, nodenext, bundler; build', async () => {
    const tasks = [];
    const next = apps.find((app) => app.app === 'next');
    tasks.push(async () => {
      // No provider settings, no secrets: configuration is read at run time.
      const { seconds } = await sh('next-build', process.execPath, [path.join(next.dir, 'node_modules/next/dist/bin/next'), 'build'], { cwd: next.dir, env: baseEnv() });
      return `  next: next build with no provider or AuthKit variable set: ${seconds.toFixed(1)}s`;
    });
    for (const app of apps) {
      // The Node apps build with their own tsconfig.json (nodenext, skipLibCheck off): that
      // build is their nodenext check. Next's is bundler; all three modes are checked apart.
      const built = app.app !== 'next';
      if (built) tasks.push(async () => `  ${app.app}: nodenext ok, built with tsc (${await typecheck(app, 'build')})`);
      for (const mode of Object.keys(MODES)) {
        if (!(built && mode === 'nodenext')) tasks.push(async () => `  ${app.app}: ${mode} ok (${await typecheck(app, mode)})`);
      }
    }
    console.log((await pool(2, tasks)).join('\n'));
  });

  const core = apps.find((app) => app.app === 'core');
  await step('every package loads with import and with require; the core README example runs from npm', async () => {
    for (const app of apps) {
      const names = LOADS[app.app];
      const load = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
for (const name of ${JSON.stringify(names)}) { const esm = await import(name); const cjs = require(name); if (Object.keys(esm).length === 0 || Object.keys(cjs).length === 0) throw new Error(name + ' exports nothing'); }`;
      await sh(`load-${app.app}`, process.execPath, ['--input-type=module', '-e', load], { cwd: app.dir });
      console.log(`  ${app.app}: ${names.join(', ')}`);
    }
    const version = await sh('cli-version', process.execPath, ['node_modules/.bin/authkit', '--version'], { cwd: core.dir });
    console.log(`  authkit --version (the cli's bin): ${version.stdout.trim()}`);
    const quickstart = await sh('core-quickstart', process.execPath, ['quickstart.mjs'], { cwd: core.dir, env: baseEnv() });
    if (!/Planday departments: /.test(quickstart.stdout)) fail(`quickstart.mjs printed:\n${quickstart.stdout}`);
    console.log(`  node quickstart.mjs (packages/core/README.md):\n${quickstart.stdout.trim().replace(/^/gm, '    ')}`);
  });

  const { child: sandboxProcess, match, output } = await step('start the sandbox from its tarball (authkit-sandbox bin)', () =>
    start('sandbox', path.join(core.dir, 'node_modules/.bin/authkit-sandbox'), ['--port', '0', '--auto-approve'], { cwd: core.dir, env: baseEnv(), ready: /Press Ctrl\+C to stop\./ }).then((started) => {
      const url = /listening on (http:\/\/\S+)/.exec(started.output())?.[1];
      return { ...started, match: url };
    }),
  );
  const sandboxUrl = match ?? fail(`the sandbox printed no URL:\n${output()}`);
  if (!output().includes(`Plannr          baseUrl ${sandboxUrl}/plannr `)) fail(`the sandbox CLI does not print Plannr's baseUrl ${sandboxUrl}/plannr:\n${output()}`);
  const { connectSandbox } = await import(pathToFileURL(path.join(core.dir, 'node_modules/@authkit/sandbox/dist/index.js')).href);
  const sandbox = await connectSandbox(sandboxUrl);
  // The test's browser resolves the providers' hosts to the sandbox too (a Plannr authorize URL).
  process.env.AUTHKIT_CONSUMER_SANDBOX_URL = sandboxUrl;
  await import(pathToFileURL(hostMap).href);

  try {
    await step('core: the root README snippet connects Planday and calls it', async () => {
      const { refreshToken } = await sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: sandbox.demoClients.planday.clientId });
      const env = { ...baseEnv(), NODE_OPTIONS: `--import ${pathToFileURL(hostMap).href}`, AUTHKIT_CONSUMER_SANDBOX_URL: sandboxUrl, PLANDAY_CLIENT_ID: sandbox.demoClients.planday.clientId, PLANDAY_REFRESH_TOKEN: refreshToken };
      const { stdout } = await sh('core-planday', process.execPath, ['dist/planday.js'], { cwd: core.dir, env });
      if (!stdout.includes('data')) fail(`dist/planday.js printed:\n${stdout}`);
    });
    for (const app of apps.filter((candidate) => candidate.app !== 'core')) {
      await step(`${app.app}: sign in, paste a Planday token into the README form, call; connect Plannr by OAuth, call`, async () => {
        console.log(`  ${await serveAndExercise(app, sandbox)}`);
      });
    }
  } finally {
    await sandbox.close();
    await stop(sandboxProcess);
  }

  console.log('\nLines of user code to connect Planday and make one call (README blocks, counted in the apps; goal ≤ 15):');
  for (const [app, { code, form, files }] of Object.entries(plandayLineCounts())) {
    console.log(`  ${app.padEnd(8)} ${String(code).padStart(2)} lines${form > 0 ? ` + the paste form, ${form} lines of markup` : ''}   (${files.join(', ')})`);
  }
  console.log(`\nconsumer test passed in ${elapsed()}`);
}

try {
  await main();
  if (!process.env.AUTHKIT_CONSUMER_KEEP) rmSync(work, { recursive: true, force: true });
} catch (error) {
  console.error(`\n✘ consumer test failed after ${elapsed()}: ${error.message}\n(work directory kept: ${work})`);
  await Promise.all([...children].map(stop));
  process.exit(1);
}

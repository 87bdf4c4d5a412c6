/**
 * Packing a public package as it is published (`pnpm pack`, with the root .pnpmfile.cjs hook)
 * and checking what the tarball holds. Used by each package's `test` (check-package.mjs) and by
 * the consumer test (tools/consumer-test), so both judge the same artefact.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The published packages, by directory under packages/. */
export const PUBLIC_PACKAGE_DIRS = ['core', 'sandbox', 'express', 'nestjs', 'next-auth', 'store-file', 'store-redis', 'store-postgres', 'cli'];

/** `pnpm pack` of one package into `destination`; returns the tarball's path. */
export function packPackage(packageDir, destination) {
  const before = new Set(existsSync(destination) ? readdirSync(destination) : []);
  execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] });
  const created = readdirSync(destination).filter((name) => name.endsWith('.tgz') && !before.has(name));
  if (created.length !== 1) throw new Error(`pnpm pack in ${packageDir} made ${created.length} tarballs`);
  return path.join(destination, created[0]);
}

/** Names of the workspace's private packages (tools, apps): no published manifest may name them. */
function privateWorkspacePackages() {
  const names = new Set();
  for (const group of ['tools', 'apps', 'packages']) {
    for (const dir of readdirSync(path.join(workspaceRoot, group))) {
      const file = path.join(workspaceRoot, group, dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private) names.add(manifest.name);
    }
  }
  return names;
}

const SOURCE_MAP_COMMENT = /\/\/# sourceMappingURL=(\S+)\s*$/;

/**
 * Unpacks a tarball and checks it: only package.json, README.md, LICENSE, dist/ (plus the
 * extra directories the manifest's `files` lists, such as store-postgres's sql/); every
 * sourceMappingURL names a shipped map and every map embeds all its sources; the manifest has
 * no devDependencies, scripts, `@authkit/source` condition, `workspace:` range or private
 * package, and has repository (with directory), homepage and bugs matching the root's; every
 * exports target and bin exists. Returns { manifest, files: [{ path, size }], problems }.
 */
export function inspectTarball(tarball, packageDir) {
  const unpacked = mkdtempSync(path.join(tmpdir(), 'authkit-tarball-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    const root = path.join(unpacked, 'package');
    const files = readdirSync(root, { recursive: true })
      .map((name) => name.split(path.sep).join('/'))
      .filter((name) => statSync(path.join(root, name)).isFile())
      .sort()
      .map((name) => ({ path: name, size: statSync(path.join(root, name)).size }));
    const has = new Set(files.map((file) => file.path));
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const problems = [];

    const extraDirs = (manifest.files ?? []).filter((entry) => !entry.startsWith('!') && entry !== 'dist');
    for (const file of files) {
      const allowed = ['package.json', 'README.md', 'LICENSE'].includes(file.path) || file.path.startsWith('dist/') || extraDirs.some((dir) => file.path.startsWith(`${dir}/`));
      if (!allowed) problems.push(`ships ${file.path} (only dist/, README.md, LICENSE${extraDirs.map((dir) => `, ${dir}/`).join('')})`);
    }
    for (const required of ['README.md', 'LICENSE']) if (!has.has(required)) problems.push(`has no ${required}`);
    if (has.has('LICENSE') && !readFileSync(path.join(root, 'LICENSE'), 'utf8').startsWith('MIT License')) problems.push('LICENSE is not the MIT licence');
    if (manifest.license !== 'MIT') problems.push(`license is ${manifest.license}, not MIT`);

    for (const file of files) {
      const full = path.join(root, file.path);
      if (/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(file.path)) {
        const url = SOURCE_MAP_COMMENT.exec(readFileSync(full, 'utf8'))?.[1];
        if (url !== undefined && !has.has(path.posix.join(path.posix.dirname(file.path), url))) problems.push(`${file.path} names ${url}, which is not shipped`);
      }
      if (file.path.endsWith('.map')) {
        const map = JSON.parse(readFileSync(full, 'utf8'));
        const missing = map.sources.filter((_, index) => typeof map.sourcesContent?.[index] !== 'string');
        if (missing.length > 0) problems.push(`${file.path} does not embed ${missing.length} of its ${map.sources.length} sources (e.g. ${missing[0]})`);
      }
    }

    const text = JSON.stringify(manifest);
    if (text.includes('@authkit/source')) problems.push('the manifest still has the @authkit/source export condition');
    if (manifest.devDependencies !== undefined) problems.push('the manifest has devDependencies');
    if (manifest.scripts !== undefined) problems.push('the manifest has scripts');
    const privates = privateWorkspacePackages();
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (privates.has(name)) problems.push(`${field} names the private workspace package ${name}`);
        if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is still ${range}`);
      }
    }

    const rootManifest = JSON.parse(readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8'));
    const directory = path.relative(workspaceRoot, packageDir).split(path.sep).join('/');
    if (manifest.repository?.url !== rootManifest.repository?.url) problems.push(`repository.url is ${manifest.repository?.url}, not the root's ${rootManifest.repository?.url}`);
    if (manifest.repository?.directory !== directory) problems.push(`repository.directory is ${manifest.repository?.directory}, not ${directory}`);
    if (typeof manifest.homepage !== 'string' || !manifest.homepage.includes(directory)) problems.push(`homepage ${manifest.homepage} does not point at ${directory}`);
    if (typeof manifest.bugs?.url !== 'string') problems.push('no bugs.url');

    const targets = [];
    const collect = (value) => {
      if (typeof value === 'string') targets.push(value);
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(manifest.exports);
    for (const target of targets) {
      if (target.includes('*')) continue;
      if (!has.has(path.posix.normalize(target))) problems.push(`exports target ${target} is not shipped`);
    }
    for (const bin of Object.values(typeof manifest.bin === 'string' ? { bin: manifest.bin } : (manifest.bin ?? {}))) {
      const file = path.posix.normalize(bin);
      if (!has.has(file)) problems.push(`bin ${bin} is not shipped`);
      else if (!readFileSync(path.join(root, file), 'utf8').startsWith('#!/usr/bin/env node')) problems.push(`bin ${bin} has no shebang`);
    }
    return { manifest, files, problems };
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
}

export function formatBytes(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** One line per package: name, packed and unpacked size, file count. */
export function summary(tarball, files) {
  const unpacked = files.reduce((sum, file) => sum + file.size, 0);
  return `${path.basename(tarball)}: ${formatBytes(statSync(tarball).size)} packed, ${formatBytes(unpacked)} unpacked, ${files.length} files`;
}

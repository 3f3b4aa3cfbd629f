// The package as web developers get it: dist/ packed with `npm pack`, installed from the tarball
// into a temporary consumer project together with the bundlers and the compiler a host would use
// (pinned below, from npm's cache where it has them), outside this repository so that nothing
// resolves from its node_modules. The test files share one install: it is reused while the
// tarball and the pins are the same, and made again when either changes.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../js/support.mjs';

export { root };
export const dist = join(root, 'dist');
export const appsDir = join(root, 'tests/package/apps');

const npmMajor = Number(execFileSync('npm', ['--version'], { encoding: 'utf8' }).split('.')[0]);

/**
 * The consumer project's tools, pinned. Vite 8 wants npm 11 to install its native bundler
 * (rolldown) reliably; with an older npm the last Vite 7 is used. TypeScript is the version the
 * repository's own type check pins.
 */
export const TOOLS = {
  vite: npmMajor >= 11 ? '8.4.0' : '7.3.8',
  webpack: '5.112.2',
  'webpack-cli': '7.3.1',
  typescript: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies
    .typescript,
  '@types/node': '20.19.43',
};

// One directory per checkout, so that worktrees testing side by side do not share it.
const consumerDir = join(
  tmpdir(),
  `exportscreen-consumer-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`,
);

/**
 * Packs dist/ (as `npm pack` would for a publish) into `dir`.
 * @returns {{tarball: string, files: string[]}} the tarball's path and the paths it holds
 */
export function pack(dir) {
  mkdirSync(dir, { recursive: true });
  const out = execFileSync(
    'npm',
    ['pack', dist, '--pack-destination', dir, '--json', '--loglevel=error'],
    { cwd: dir, encoding: 'utf8' },
  );
  const [{ filename, files }] = JSON.parse(out);
  return { tarball: join(dir, filename), files: files.map((f) => f.path) };
}

/**
 * The consumer project with the tarball and the tools installed.
 * @returns {{dir: string, files: string[]}}
 */
export function consumer() {
  const packDir = `${consumerDir}-pack`;
  rmSync(packDir, { recursive: true, force: true });
  const { tarball, files } = pack(packDir);
  const bytes = readFileSync(tarball);
  const stamp = createHash('sha256').update(bytes).update(JSON.stringify(TOOLS)).digest('hex');
  const stampFile = join(consumerDir, '.installed');
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    rmSync(consumerDir, { recursive: true, force: true });
    mkdirSync(consumerDir, { recursive: true });
    cpSync(tarball, join(consumerDir, 'exportscreen.tgz'));
    writeFileSync(
      join(consumerDir, 'package.json'),
      JSON.stringify(
        {
          name: 'exportscreen-host-app',
          private: true,
          type: 'module',
          dependencies: { exportscreen: 'file:./exportscreen.tgz' },
          devDependencies: TOOLS,
        },
        null,
        2,
      ),
    );
    execFileSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: consumerDir, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    writeFileSync(stampFile, stamp);
  }
  rmSync(packDir, { recursive: true, force: true });
  return { dir: consumerDir, files };
}

/**
 * A fresh folder `name` of the consumer project holding the committed files of
 * tests/package/apps/`from` (sources and configuration as a developer writes them).
 */
export function appFolder(project, name, ...from) {
  const dir = join(project.dir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of from) cpSync(join(appsDir, f), dir, { recursive: true });
  return dir;
}

/**
 * Runs a command to its end; resolves to {code, output} (stdout and stderr together, in order).
 * @param {string} cmd @param {string[]} args @param {{cwd: string, input?: string, env?: object}} options
 */
export function run(cmd, args, { cwd, input, env }) {
  return new Promise((ok) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => ok({ code, output }));
    child.on('error', (err) => ok({ code: -1, output: String(err) }));
    child.stdin.end(input ?? '');
  });
}

/** The files under `dir`, as paths relative to it. */
export function filesUnder(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}

/**
 * The code block of a Markdown file that follows the line `marker` (a comment naming the
 * example), so that a test runs exactly what the README shows.
 */
export function exampleAfter(markdownFile, marker) {
  const text = readFileSync(markdownFile, 'utf8');
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${markdownFile} has no ${marker}`);
  const block = text.slice(at).match(/```(?:js|javascript)\n([\s\S]*?)```/);
  if (!block) throw new Error(`${markdownFile}: no code block after ${marker}`);
  return block[1];
}

// Benchmark of the CLI as a stream (issue 16): `exportscreen screen` over N JSON lines and
// `exportscreen screen --csv` over an N-row CSV file, fed through a pipe as they are generated
// (nothing on disk), against the built-in list; the peak resident memory of the CLI (GNU time's
// %M, the kernel's maximum RSS) and its time, for each N. Constant memory means the peak does not
// grow with N.
//   node bench/cli-stream.mjs [--rows N,N,...]      (default: 1000,1000000)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const sizes = opt('--rows', '1000,1000000').split(',').map(Number);
const cli = join(root, 'build/native/cli/exportscreen');
const TIME = '/usr/bin/time';
if (!existsSync(cli) || !existsSync(TIME)) {
  console.log(JSON.stringify({ skipped: `needs ${cli} and ${TIME} (GNU time)` }));
  process.exit(0);
}

// Names that exercise the matcher: listed ones, near misses and plain companies.
const NAMES = [
  'Huawei Technologies Co Ltd',
  'Quiet Meadow Bakery',
  'Abu ABBAS',
  'Maria Garcia Lopez',
  'Acme Trading GmbH',
  'Sugon Information Industry',
  'Nordic Timber AB',
  'Inspur Group',
];
const COUNTRIES = ['CN', 'DE', 'SE', 'US', 'IR', 'AE', 'SG', 'JP'];
const row = (i) => [`${NAMES[i % NAMES.length]} ${i % 997}`, COUNTRIES[i % COUNTRIES.length]];

function run(mode, n) {
  return new Promise((resolve, reject) => {
    const cmd = mode === 'csv' ? ['screen', '--csv', '--output', 'jsonl'] : ['screen'];
    const child = spawn(TIME, ['-f', '%M %e', cli, ...cmd], { stdio: ['pipe', 'pipe', 'pipe'] });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (b) => {
      for (let i = 0; i < b.length; i++) if (b[i] === 10) lines++;
    });
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', () => {
      const m = stderr
        .trim()
        .split('\n')
        .at(-1)
        .match(/^(\d+) ([\d.]+)$/);
      if (!m) return reject(new Error(`no figures from ${TIME}: ${stderr.slice(-500)}`));
      resolve({
        mode,
        rows: n,
        output_lines: lines,
        peak_rss_kib: Number(m[1]),
        seconds: Number(m[2]),
        rows_per_s: Math.round(n / Number(m[2])),
      });
    });
    // Generated as the CLI reads: writes wait for the pipe to drain.
    let i = 0;
    const write = () => {
      while (i < n) {
        const chunk = [];
        for (let k = 0; k < 500 && i < n; k++, i++) {
          const [name, country] = row(i);
          chunk.push(
            mode === 'csv'
              ? `${name},${country}\n`
              : `${JSON.stringify({ parties: [{ name, country }] })}\n`,
          );
        }
        if (!child.stdin.write(chunk.join(''))) return void child.stdin.once('drain', write);
      }
      child.stdin.end();
    };
    if (mode === 'csv') child.stdin.write('name,country\n');
    write();
  });
}

const out = { cli: 'build/native/cli/exportscreen', list: 'built-in', runs: [] };
for (const mode of ['jsonl', 'csv']) for (const n of sizes) out.runs.push(await run(mode, n));
console.log(JSON.stringify(out, null, 1));

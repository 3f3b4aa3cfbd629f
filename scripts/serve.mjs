// A small static file server for the demo and the browser tests: 127.0.0.1 only, correct MIME
// types (application/wasm), and the strict Content-Security-Policy the widget must work under.
//   node scripts/serve.mjs [--root DIR] [--port N] [--csp POLICY | --no-csp]
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The policy the widget is built for (README, "Content Security Policy"). */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Starts a server; resolves to {server, url, requests} where `requests` records every request
 * path (tests use it to prove the page makes no unexpected requests).
 * @param {{root: string, port?: number, csp?: string|null, headers?: object}} options
 */
export function startServer({ root, port = 0, csp = STRICT_CSP, headers = {} }) {
  const base = resolve(root);
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(url.pathname);
    let path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (path !== base && !path.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      const st = statSync(path);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Content-Length': st.size,
        'Last-Modified': st.mtime.toUTCString(),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
        ...(csp ? { 'Content-Security-Policy': csp } : {}),
        ...headers,
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(path).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      ok({ server, url: `http://127.0.0.1:${server.address().port}/`, requests });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = { root: 'build/site', port: 8080, csp: STRICT_CSP };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--root') opt.root = args[++i];
    else if (args[i] === '--port') opt.port = Number(args[++i]);
    else if (args[i] === '--csp') opt.csp = args[++i];
    else if (args[i] === '--no-csp') opt.csp = null;
    else {
      console.error(`serve.mjs: unknown argument ${args[i]}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opt.port) || opt.port < 0 || opt.port > 65535) {
    console.error('serve.mjs: --port needs a number from 0 to 65535');
    process.exit(2);
  }
  startServer(opt).then(
    ({ url }) => {
      console.log(`exportscreen demo: ${url}  (Ctrl-C to stop)`);
    },
    (err) => {
      console.error(`serve.mjs: cannot listen on 127.0.0.1:${opt.port}: ${err.message}`);
      process.exit(1);
    },
  );
}

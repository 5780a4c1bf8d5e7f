import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type ResolvedConfig, type Rollup } from 'vite';

/**
 * Builds the offline apps' service worker (web/pwa/sw.ts) into dist/sw.js after the app itself,
 * with the list of every file of this build (hashed assets and public files); each registration
 * adds its own app page (sw-routing.ts). Its version is a hash over those names and the public files' contents, so each
 * deployment yields a different sw.js, which browsers notice and install.
 */

const WORKER_SOURCE = fileURLToPath(new URL('./sw.ts', import.meta.url));
const WORKER_FILE = 'sw.js';

function filesBelow(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

async function compileWorker(precache: { version: string; urls: string[] }): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { __ITAS_PRECACHE__: JSON.stringify(precache) },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry: WORKER_SOURCE, formats: ['iife'], name: 'itasInterviewWorker', fileName: () => WORKER_FILE },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunk = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('Der Service Worker wurde nicht gebaut.');
  return chunk.code;
}

export function interviewerServiceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'itas-interviewer-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? config.build.outDir;
      const publicDir = config.publicDir;
      const publicFiles = publicDir ? filesBelow(publicDir).filter((f) => f !== WORKER_FILE) : [];
      const built = Object.keys(bundle).filter((f) => f !== 'index.html' && f !== WORKER_FILE && !f.endsWith('.map'));
      const urls = [...new Set([...built, ...publicFiles])].sort().map((f) => `/${f}`);

      const hash = createHash('sha256').update(urls.join('\n'));
      // index.html is stored as the apps' page: its own text (meta tags, title) counts too.
      hash.update(readFileSync(path.join(config.root, 'index.html')));
      for (const f of publicFiles) hash.update(readFileSync(path.join(publicDir, f)));
      const version = hash.digest('hex').slice(0, 16);

      writeFileSync(path.join(outDir, WORKER_FILE), await compileWorker({ version, urls }));
    },
  };
}

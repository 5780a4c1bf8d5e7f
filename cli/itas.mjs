#!/usr/bin/env node
// The `itas` command. The project runs its TypeScript directly through tsx's loader.
import { register } from 'tsx/esm/api';

register();
if (process.argv[2] === 'analyze') {
  // main.ts loads the whole server (about 2 s); `analyze` needs only the statistics engine.
  const { runAnalyze } = await import('./analyze.ts');
  process.exitCode = await runAnalyze(process.argv.slice(3));
} else {
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}

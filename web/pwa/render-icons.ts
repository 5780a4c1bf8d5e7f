/**
 * Renders the PNG app icons of the interviewer app from their SVG sources in web/public/icons/
 * with the system Chromium (the same one the browser tests drive). Run after changing an icon:
 *   npx tsx web/pwa/render-icons.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = fileURLToPath(new URL('../public/icons/', import.meta.url));
const ICONS = [
  { source: 'interview.svg', target: 'interview-192.png', size: 192 },
  { source: 'interview.svg', target: 'interview-512.png', size: 512 },
  { source: 'interview-maskable.svg', target: 'interview-maskable-512.png', size: 512 },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const icon of ICONS) {
    const svg = readFileSync(path.join(dir, icon.source), 'utf8');
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `)}</body></html>`,
    );
    writeFileSync(path.join(dir, icon.target), await page.screenshot({ omitBackground: true, type: 'png' }));
  }
} finally {
  await browser.close();
}

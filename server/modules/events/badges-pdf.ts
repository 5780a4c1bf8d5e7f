import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { berlin } from './berlin-time.ts';

/**
 * The badge sheet of an event: A4 portrait, 2 × 4 badges per page (about 90 × 60 mm, a common
 * badge-holder size) with a dashed cut line, name, organisation, event title and date. Noto Sans
 * is embedded (subset), so every Latin, Greek and Cyrillic name prints as written; PDFKit draws
 * strings as text, so markup in a name is printed, never interpreted.
 */

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf');

export interface Badge {
  name: string;
  organisation: string;
}

export const BADGES_PER_PAGE = 8;
const COLUMNS = 2;
const ROWS = 4;
const MARGIN = 28;
const PAD = 14;

const dateLine = (startsAt: string, endsAt: string) => {
  const from = berlin(startsAt).dateDe;
  const to = berlin(endsAt).dateDe;
  return from === to ? from : `${from} – ${to}`;
};

/** Sorted by name (German collation), as the badges are laid out at the desk. */
export function sortBadges<T extends Badge>(badges: T[]): T[] {
  const collator = new Intl.Collator('de', { sensitivity: 'base' });
  return [...badges].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.organisation, b.organisation));
}

export function badgesPdf(event: { title: string; starts_at: string; ends_at: string }, badges: Badge[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: false,
    info: { Title: `Namensschilder – ${event.title}`, Creator: 'ITAS-Plattform' },
    lang: 'de-DE',
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const date = dateLine(event.starts_at, event.ends_at);
  const sorted = sortBadges(badges);
  const pages = Math.max(1, Math.ceil(sorted.length / BADGES_PER_PAGE));
  for (let p = 0; p < pages; p++) {
    doc.addPage();
    const w = (doc.page.width - 2 * MARGIN) / COLUMNS;
    const h = (doc.page.height - 2 * MARGIN) / ROWS;
    sorted.slice(p * BADGES_PER_PAGE, (p + 1) * BADGES_PER_PAGE).forEach((badge, i) => {
      const x = MARGIN + (i % COLUMNS) * w;
      const y = MARGIN + Math.floor(i / COLUMNS) * h;
      drawBadge(doc, { x, y, w, h }, badge, event.title, date);
    });
  }
  doc.end();
  return done;
}

function drawBadge(
  doc: PDFKit.PDFDocument,
  box: { x: number; y: number; w: number; h: number },
  badge: Badge,
  title: string,
  date: string,
): void {
  const { x, y, w, h } = box;
  const inner = w - 2 * PAD;
  doc.save().lineWidth(0.5).dash(4, { space: 3 }).strokeColor('#6b7280').rect(x, y, w, h).stroke().undash().restore();
  doc.rect(x, y, w, 6).fill('#1d4e89');
  doc.fillColor('#1f2937');

  doc.font('regular').fontSize(9);
  doc.text(title, x + PAD, y + PAD + 2, { width: inner, height: 26, ellipsis: true });

  // The name as large as fits on one line; long names shrink to 16 pt and then take two lines.
  let size = 26;
  doc.font('bold');
  while (size > 16 && doc.fontSize(size).widthOfString(badge.name) > inner) size -= 1;
  const twoLines = doc.fontSize(size).widthOfString(badge.name) > inner;
  const nameTop = y + h / 2 - (twoLines ? size * 1.9 : size);
  doc.text(badge.name, x + PAD, nameTop, { width: inner, align: 'center', height: size * 2.8, ellipsis: true });

  if (badge.organisation) {
    doc.font('regular').fontSize(12);
    doc.text(badge.organisation, x + PAD, y + h / 2 + size * (twoLines ? 1.1 : 0.9), {
      width: inner,
      align: 'center',
      height: 34,
      ellipsis: true,
    });
  }
  doc.font('regular').fontSize(9).fillColor('#4b5563');
  doc.text(date, x + PAD, y + h - PAD - 12, { width: inner, lineBreak: false });
  doc.fillColor('black');
}

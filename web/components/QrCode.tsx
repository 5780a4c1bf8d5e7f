import { useMemo } from 'react';
import QRCode from 'qrcode';

/** Quiet zone around the code, in modules (the QR standard asks for four). */
const MARGIN = 4;

/** The dark modules as one SVG path, one square each, in module units. */
function qrPath(text: string): { path: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) parts.push(`M${col + MARGIN} ${row + MARGIN}h1v1h-1z`);
    }
  }
  return { path: parts.join(''), size: modules.size + 2 * MARGIN };
}

/**
 * `text` as a QR code, drawn as an SVG in the page (no request, no image file): it appears at
 * once and stays sharp on every screen, projector and printer. Black on white whatever the
 * page's colours; `label` is what screen readers announce.
 */
export function QrCode({ text, label, className }: { text: string; label: string; className: string }) {
  const { path, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className={className} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}

import { useMemo } from 'react';
import QRCode from 'qrcode';

/** Quiet zone around the code, in modules (the QR standard asks for four). */
const MARGIN = 4;

/** The path of all dark modules, one square each, in module units. */
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
 * The join address as a QR code, drawn as an SVG in the page (no request, no image file), so it
 * appears at once and stays sharp on any projector. Black on white whatever the page's colours.
 */
export function JoinQr({ url, label, className }: { url: string; label: string; className?: string }) {
  const { path, size } = useMemo(() => qrPath(url), [url]);
  return (
    <svg
      className={['live-qr', className ?? ''].filter(Boolean).join(' ')}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}

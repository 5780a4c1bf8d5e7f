import './ticket.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';

/** Quiet zone around the code, in modules (the QR standard asks for four). */
const MARGIN = 4;

/** The dark modules as one SVG path, in module units: drawn in the page, no request, sharp on every screen and printer. */
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
 * The ticket of a confirmed registration on the self-service page: a QR code to show at the door
 * (black on white whatever the colour scheme), the code as text for reading out or typing in,
 * and printing (the browser's print dialog also saves it as PDF).
 */
export function TicketQr({ ticket, name }: { ticket: string; name: string }) {
  const { t } = useTranslation();
  const { path, size } = useMemo(() => qrPath(ticket), [ticket]);
  return (
    <section className="section ticket" aria-labelledby="anmeldung-ticket">
      <h2 id="anmeldung-ticket">{t('registration.ticket.heading')}</h2>
      <p>{t('registration.ticket.show')}</p>
      <svg
        className="ticket-qr"
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-label={t('registration.ticket.qrLabel', { name })}
        shapeRendering="crispEdges"
      >
        <rect width={size} height={size} fill="#ffffff" />
        <path d={path} fill="#000000" />
      </svg>
      <p className="ticket-holder">
        <bdi>{name}</bdi>
      </p>
      <details className="ticket-code">
        <summary>{t('registration.ticket.codeSummary')}</summary>
        <p>{t('registration.ticket.codeHint')}</p>
        <p>
          <code data-testid="ticket-code">{ticket}</code>
        </p>
      </details>
      <p className="no-print">
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t('registration.ticket.print')}
        </button>
      </p>
    </section>
  );
}

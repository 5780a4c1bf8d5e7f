import './ticket.css';
import { useTranslation } from 'react-i18next';
import { QrCode } from '../../components/QrCode.tsx';

/**
 * The ticket of a confirmed registration on the self-service page: a QR code to show at the door
 * (black on white whatever the colour scheme), the code as text for reading out or typing in,
 * and printing (the browser's print dialog also saves it as PDF).
 */
export function TicketQr({ ticket, name }: { ticket: string; name: string }) {
  const { t } = useTranslation();
  return (
    <section className="section ticket" aria-labelledby="anmeldung-ticket">
      <h2 id="anmeldung-ticket">{t('registration.ticket.heading')}</h2>
      <p>{t('registration.ticket.show')}</p>
      <QrCode className="ticket-qr" text={ticket} label={t('registration.ticket.qrLabel', { name })} />
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

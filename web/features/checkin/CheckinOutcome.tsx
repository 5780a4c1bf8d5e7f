import { useTranslation } from 'react-i18next';
import type { Outcome } from './checkin-queue.ts';

const TONE: Record<Outcome['status'], 'ok' | 'warn' | 'bad'> = {
  checked_in: 'ok',
  duplicate: 'warn',
  unknown: 'bad',
  invalid: 'bad',
  wrong_event: 'bad',
  cancelled: 'bad',
  not_confirmed: 'bad',
};
const SYMBOL = { ok: '✓', warn: '!', bad: '✕' } as const;

/**
 * The verdict on the last scan, large enough to read at arm's length. The words carry the
 * meaning (colour and symbol only repeat it), and the region is announced as it changes.
 */
export function CheckinOutcome({ outcome, time }: { outcome: Outcome | null; time: (iso: string) => string }) {
  const { t } = useTranslation();
  if (!outcome) {
    return <div className="live-region-empty" aria-live="assertive" aria-atomic="true" />;
  }
  const tone = TONE[outcome.status];
  const title =
    outcome.status === 'checked_in'
      ? outcome.name
        ? t('checkin.result.welcome', { name: outcome.name })
        : t('checkin.result.checkedIn')
      : outcome.status === 'duplicate'
        ? t('checkin.result.duplicate', { time: outcome.firstCheckedInAt ? time(outcome.firstCheckedInAt) : '–' })
        : t(`checkin.result.${outcome.status}`);
  const detail =
    outcome.status === 'duplicate' && outcome.name
      ? outcome.name
      : outcome.status === 'unknown'
        ? t('checkin.result.unknownHint')
        : outcome.pending && tone === 'ok'
          ? t('checkin.result.savedOnDevice')
          : null;
  return (
    <div className={`checkin-outcome checkin-outcome-${tone}`} aria-live="assertive" aria-atomic="true" data-status={outcome.status}>
      <p className="checkin-outcome-title">
        <span className="checkin-outcome-symbol" aria-hidden="true">
          {SYMBOL[tone]}
        </span>{' '}
        <bdi>{title}</bdi>
      </p>
      {detail && (
        <p>
          <bdi>{detail}</bdi>
        </p>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { Wave } from '../../../contracts/study-admin.ts';
import { Badge } from '../../components/ui.tsx';

const TONES = { draft: 'warning', open: 'lead', closed: 'neutral' } as const;

/** Entwurf / Läuft / Beendet: the word carries the meaning, the colour only repeats it. */
export function WaveStatusBadge({ status }: { status: Wave['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status]}>{t(`studies.status.${status}`)}</Badge>;
}

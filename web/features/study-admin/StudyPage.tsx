import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { StudyDetail } from '../../../contracts/study-admin.ts';
import { Badge, DemoBadge, ErrorAlert, Loading, PageHeading, StatusMessage, TableScroll, useMessage } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatDay } from './study-helpers.ts';
import { versionPath, wavePath } from './study-paths.ts';
import { useCanManageStudies } from './use-study-access.ts';
import { newWaveValues, WaveForm } from './WaveForm.tsx';
import { WaveStatusBadge } from './WaveStatusBadge.tsx';
import { ExpandablePanel } from './ExpandablePanel.tsx';

function Versions({ study }: { study: StudyDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const versions = [...study.versions].sort((a, b) => b.version - a.version);
  return (
    <section className="section" aria-labelledby="versionen">
      <h2 id="versionen">{t('studies.versions.heading')}</h2>
      <p className="hint" id="versionen-gesperrt">
        {t('studies.versions.lockedExplained')}
      </p>
      <TableScroll label={t('studies.versions.heading')}>
        <table className="table" aria-describedby="versionen-gesperrt">
          <thead>
            <tr>
              <th scope="col">{t('studies.versions.version')}</th>
              <th scope="col">{t('studies.versions.created')}</th>
              <th scope="col" className="numeric">
                {t('studies.versions.questions')}
              </th>
              <th scope="col" className="numeric">
                {t('studies.fields.responses')}
              </th>
              <th scope="col">{t('studies.versions.state')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  {/* A full page load: the editor's preview needs the questionnaire page's style policy. */}
                  <Link to={versionPath(study.id, v.id)} reloadDocument>
                    {t('studies.versions.name', { version: v.version })}
                  </Link>
                </th>
                <td className="nowrap">{formatDateTime(v.createdAt, language)}</td>
                <td className="numeric">{formatNumber(v.questionCount, language)}</td>
                <td className="numeric">{formatNumber(v.responseCount, language)}</td>
                <td>{v.locked ? <Badge tone="warning">{t('studies.versions.locked')}</Badge> : t('studies.versions.editable')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function Waves({ study }: { study: StudyDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (study.waves.length === 0) return <p>{t('studies.waves.none')}</p>;
  return (
    <TableScroll label={t('studies.waves.heading')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('studies.waves.name')}</th>
            <th scope="col">{t('studies.waves.status')}</th>
            <th scope="col">{t('studies.waves.period')}</th>
            <th scope="col">{t('studies.waves.channels')}</th>
            <th scope="col" className="numeric">
              {t('studies.fields.responses')}
            </th>
          </tr>
        </thead>
        <tbody>
          {study.waves.map((wave) => (
            <tr key={wave.id}>
              <th scope="row">
                <Link to={wavePath(wave.id)}>
                  <bdi>{wave.name}</bdi>
                </Link>
              </th>
              <td>
                <WaveStatusBadge status={wave.status} />
              </td>
              <td className="nowrap">
                {t('studies.waves.periodValue', { from: formatDay(wave.opensOn, language), to: formatDay(wave.closesOn, language) })}
              </td>
              <td>{wave.channels.map((c) => t(`studies.channels.${c}`)).join(', ')}</td>
              <td className="numeric">{formatNumber(wave.responseCount, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** One study: its questionnaire versions and its waves; staff start new waves here. */
export default function StudyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const canManage = useCanManageStudies();
  const study = useResource((signal) => api.getStudy(id, { signal }), id);
  const [creating, setCreating] = useState(false);
  const state: unknown = location.state;
  const created = Boolean(state && typeof state === 'object' && 'created' in state && state.created === true);
  const [message] = useMessage(created ? [{ key: 'studies.create.done' }] : null);

  if (!study.data) {
    return (
      <>
        <PageHeading title={t('studies.detail.fallbackTitle')} />
        {study.loading ? <Loading /> : <ErrorAlert error={study.error} />}
        <p>
          <Link to={PATHS.adminStudies}>{t('studies.backToList')}</Link>
        </p>
      </>
    );
  }
  const s = study.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to={PATHS.adminStudies}>{t('studies.backToList')}</Link>
      </p>
      <PageHeading title={s.title}>{s.description && <p className="lead preformatted">{s.description}</p>}</PageHeading>
      <StatusMessage message={message} />
      <dl className="inline-details">
        <div>
          <dt>{t('studies.fields.slug')}</dt>
          <dd>
            <bdi>{s.slug}</bdi>
            {s.isDemo && (
              <>
                {' '}
                <DemoBadge />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('studies.fields.organisation')}</dt>
          <dd>
            <bdi>{s.organisationName}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('studies.fields.responses')}</dt>
          <dd>{formatNumber(s.responseCount, currentLanguage())}</dd>
        </div>
      </dl>
      <ErrorAlert error={study.error} />

      <Versions study={s} />

      <section className="section" aria-labelledby="wellen">
        <h2 id="wellen">{t('studies.waves.heading')}</h2>
        <Waves study={s} />
        {canManage && (
          <ExpandablePanel
            id="welle-neu-bereich"
            label={t('studies.waves.create')}
            open={creating}
            onToggle={() => setCreating((open) => !open)}
          >
            <WaveForm
              form="welle-neu"
              versions={s.versions}
              initial={newWaveValues(s.versions)}
              submitLabel={t('studies.waves.createSubmit')}
              onSave={async (values) => {
                const wave = await api.createWave(s.id, values);
                void navigate(wavePath(wave.id), { state: { created: true } });
              }}
              onCancel={() => setCreating(false)}
            />
          </ExpandablePanel>
        )}
      </section>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { DISTRICTS } from '../../../contracts/study-admin.ts';
import { ErrorAlert, PageHeading, StatusMessage, useMessage } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { ExportSection } from './ExportSection.tsx';
import { InvitationsSection } from './InvitationsSection.tsx';
import { MarginsSection } from './MarginsSection.tsx';
import { OpenAnswersSection } from './OpenAnswersSection.tsx';
import { ResultsPublishSection } from './ResultsPublishSection.tsx';
import { formatDay } from './study-helpers.ts';
import { publicResultsPath, resultsPath, studyPath, versionPath } from './study-paths.ts';
import { useWave } from './use-wave.ts';
import { useCanManageStudies } from './use-study-access.ts';
import { WaveActions } from './WaveActions.tsx';
import { WaveLinks } from './WaveLinks.tsx';
import { WaveOverviewSection } from './WaveOverviewSection.tsx';
import { WaveStatusBadge } from './WaveStatusBadge.tsx';
import { WaveNotLoaded } from './WaveNotLoaded.tsx';

/**
 * One wave: status and actions, the way to its results, the ways in (link, QR, poster), intake,
 * weighting margins and publication of the results, open answers, exports and codes.
 */
export default function WavePage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const location = useLocation();
  const canManage = useCanManageStudies();
  const loaded = useWave(id);
  const state: unknown = location.state;
  const created = Boolean(state && typeof state === 'object' && 'created' in state && state.created === true);
  const [message, setMessage] = useMessage(created ? [{ key: 'studies.wave.created' }] : null);

  if (!loaded.data) return <WaveNotLoaded loaded={loaded} />;
  const { study, wave } = loaded.data;
  const version = study.versions.find((v) => v.id === wave.versionId);

  return (
    <>
      <p className="breadcrumb">
        <Link to={studyPath(study.id)}>
          {t('studies.backToStudyNamed')} <bdi>{study.title}</bdi>
        </Link>
      </p>
      <PageHeading title={wave.name}>
        <p className="lead">
          <bdi>{study.title}</bdi> <WaveStatusBadge status={wave.status} />
        </p>
      </PageHeading>
      <StatusMessage message={message} />
      <ErrorAlert error={loaded.error} />

      <dl className="details-list wave-details">
        <div>
          <dt>{t('studies.waves.period')}</dt>
          <dd>{t('studies.waves.periodValue', { from: formatDay(wave.opensOn, language), to: formatDay(wave.closesOn, language) })}</dd>
        </div>
        <div>
          <dt>{t('studies.waves.channels')}</dt>
          <dd>{wave.channels.map((c) => t(`studies.channels.${c}`)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('studies.waveForm.districts')}</dt>
          <dd>{wave.districts.map((d) => DISTRICTS[d]).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('studies.waveForm.version')}</dt>
          <dd>
            {version ? (
              <Link to={versionPath(study.id, version.id)} reloadDocument>
                {t('studies.versions.name', { version: version.version })}
              </Link>
            ) : (
              '–'
            )}
          </dd>
        </div>
        <div>
          <dt>{t('studies.waveForm.invitationOnly')}</dt>
          <dd>{wave.invitationOnly ? t('common.yes') : t('common.no')}</dd>
        </div>
      </dl>

      <div className="actions">
        <Link className="button button-primary" to={resultsPath(wave.id)}>
          {t('resultsAdmin.dashboardLink')}
        </Link>
        {wave.resultsPublished && <Link to={publicResultsPath(wave.code)}>{t('resultsAdmin.publicLink')}</Link>}
      </div>

      {canManage && (
        <WaveActions
          study={study}
          wave={wave}
          onReload={loaded.reload}
          onChanged={(changed, key) => {
            loaded.setData({ study, wave: changed });
            setMessage({ key });
          }}
        />
      )}

      <WaveLinks wave={wave} canManage={canManage} />
      <WaveOverviewSection wave={wave} />
      <ResultsPublishSection
        wave={wave}
        canManage={canManage}
        onChanged={(changed, key) => {
          loaded.setData({ study, wave: changed });
          setMessage({ key });
        }}
      />
      <MarginsSection wave={wave} canManage={canManage} />
      <OpenAnswersSection wave={wave} />
      <ExportSection wave={wave} />
      {canManage && <InvitationsSection wave={wave} />}
    </>
  );
}

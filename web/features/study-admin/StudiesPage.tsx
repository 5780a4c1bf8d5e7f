import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { StudyDetail } from '../../../contracts/study-admin.ts';
import { DemoBadge, ErrorAlert, Loading, PageHeading, TableScroll } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ExpandablePanel } from './ExpandablePanel.tsx';
import { CreateStudyForm } from './CreateStudyForm.tsx';
import { studyPath } from './study-paths.ts';
import { useCanManageStudies } from './use-study-access.ts';

/** All studies of the consortium; staff and admins start new ones here. */
export default function StudiesPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const navigate = useNavigate();
  const canManage = useCanManageStudies();
  const [creating, setCreating] = useState(false);
  const studies = useResource((signal) => api.listStudies({ signal }), 'studies');
  const list = studies.data?.items ?? [];

  function onCreated(study: StudyDetail) {
    void navigate(studyPath(study.id), { state: { created: true } });
  }

  return (
    <>
      <PageHeading title={t('studies.list.title')}>
        <p className="lead">{t(canManage ? 'studies.list.intro' : 'studies.list.introRead')}</p>
      </PageHeading>

      {canManage && (
        <section className="section" aria-labelledby="studie-neu-titel">
          <h2 id="studie-neu-titel" className="visually-hidden">
            {t('studies.create.heading')}
          </h2>
          <ExpandablePanel
            id="studie-neu-bereich"
            label={t('studies.create.heading')}
            open={creating}
            onToggle={() => setCreating((open) => !open)}
          >
            <CreateStudyForm onCreated={onCreated} />
          </ExpandablePanel>
        </section>
      )}

      <section className="section" aria-labelledby="studien-liste">
        <h2 id="studien-liste">{t('studies.list.heading')}</h2>
        <ErrorAlert error={studies.error} />
        {studies.loading && !studies.data && <Loading />}
        {studies.data && list.length === 0 && <p>{t('studies.list.none')}</p>}
        {list.length > 0 && (
          <TableScroll label={t('studies.list.heading')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('studies.fields.title')}</th>
                  <th scope="col">{t('studies.fields.organisation')}</th>
                  <th scope="col" className="numeric">
                    {t('studies.fields.waves')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('studies.fields.responses')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((study) => (
                  <tr key={study.id}>
                    <th scope="row" className="cell-main">
                      <Link to={studyPath(study.id)}>
                        <bdi>{study.title}</bdi>
                      </Link>
                      {study.isDemo && (
                        <>
                          {' '}
                          <DemoBadge />
                        </>
                      )}
                      <span className="cell-sub">
                        <bdi>{study.slug}</bdi>
                      </span>
                    </th>
                    <td>
                      <bdi>{study.organisationName}</bdi>
                    </td>
                    <td className="numeric">{formatNumber(study.waveCount, language)}</td>
                    <td className="numeric">{formatNumber(study.responseCount, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}

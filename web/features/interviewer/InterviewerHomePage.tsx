import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { InterviewerWaves } from '../../../contracts/study-admin.ts';
import { ErrorSummary, SelectField, SubmitButton, TextField } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { Loading, PageHeading } from '../../components/ui.tsx';
import { api, isAbortError } from '../../lib/api.ts';
import { pagePath, PATHS } from '../../lib/paths.ts';
import { collect, isBlank } from '../../lib/validate.ts';
import { InterviewerFrame, type Interviewer } from './InterviewerFrame.tsx';
import { OfflineReadiness } from './OfflineReadiness.tsx';
import { QueueStatus } from './QueueStatus.tsx';
import { cacheWave, cacheWaveList, cachedWave, cachedWaveList, loadSetup, saveSetup } from './store.ts';

const FORM = 'interview-start';
/** contracts/study.ts ResponseItemSchema: `place` has at most 120 characters. */
const PLACE_MAX = 120;

type WaveItem = InterviewerWaves['items'][number];

/** The open waves for interviews: from the server, or the list stored on the last visit with network. */
function useWaveList() {
  const [items, setItems] = useState<WaveItem[] | null>(null);
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    let fresh = false;
    cachedWaveList()
      .then((list) => {
        if (list && !fresh) setItems(list.items);
      })
      .catch(() => undefined);
    api.interviewerWaves({ signal: controller.signal }).then(
      (list) => {
        fresh = true;
        setItems(list.items);
        setOffline(false);
        cacheWaveList(list).catch(() => undefined);
      },
      (err: unknown) => {
        if (!isAbortError(err)) setOffline(true);
      },
    );
    return () => controller.abort();
  }, []);
  return { items, offline };
}

function StartForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const waves = useWaveList();
  const [code, setCode] = useState('');
  const [place, setPlace] = useState('');

  useEffect(() => {
    loadSetup()
      .then((setup) => {
        if (!setup) return;
        setCode((c) => c || setup.code);
        setPlace((p) => p || setup.place);
      })
      .catch(() => undefined);
  }, []);

  const labels = { wave: t('interviewer.form.wave'), place: t('interviewer.form.place') };
  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['wave', 'place'], {
    check: () =>
      collect({
        wave: code === '' ? t('interviewer.form.waveRequired') : undefined,
        place: isBlank(place) ? t('interviewer.form.placeRequired') : undefined,
      }),
    send: async () => {
      // The questionnaire goes onto the device now, so the interviews can run without network.
      try {
        await cacheWave(await api.publicWave(code));
      } catch (err) {
        if (!(await cachedWave(code).catch(() => null))) throw err;
      }
      await saveSetup({ code, place: place.trim() });
      await navigate(pagePath(PATHS.interviewerWave, { code }));
    },
  });

  if (waves.items === null && !waves.offline) return <Loading />;
  const options = (waves.items ?? []).map((w) => ({ value: w.code, label: `${w.studyTitle} – ${w.waveName}` }));
  // A stored choice no longer offered (closed meanwhile) is not preselected.
  const selected = options.some((o) => o.value === code) ? code : '';

  return (
    <section className="section" aria-labelledby="welle-und-ort">
      <h2 id="welle-und-ort">{t('interviewer.form.title')}</h2>
      {waves.offline && <p className="hint">{waves.items ? t('interviewer.form.wavesStored') : t('interviewer.form.wavesOffline')}</p>}
      {waves.items?.length === 0 ? (
        <p>{t('interviewer.form.noWaves')}</p>
      ) : (
        waves.items && (
          <>
            <ErrorSummary form={FORM} errors={errors} labels={labels} />
            <form noValidate onSubmit={onSubmit} className="form">
              <SelectField
                form={FORM}
                name="wave"
                label={labels.wave}
                required
                value={selected}
                onChange={setCode}
                options={options}
                placeholder={t('interviewer.form.wavePlaceholder')}
                error={errors.fields.wave}
              />
              <TextField
                form={FORM}
                name="place"
                label={labels.place}
                hint={t('interviewer.form.placeHint')}
                required
                maxLength={PLACE_MAX}
                value={place}
                onChange={setPlace}
                error={errors.fields.place}
              />
              <SubmitButton busy={busy}>{t('interviewer.form.start')}</SubmitButton>
            </form>
          </>
        )
      )}
    </section>
  );
}

function Home({ interviewer }: { interviewer: Interviewer }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeading title={t('interviewer.title')} />
      <p className="lead">{t('interviewer.intro')}</p>
      {!interviewer.signedIn && <p className="hint">{t('interviewer.gate.offlineAs', { name: interviewer.displayName })}</p>}
      <OfflineReadiness />
      <StartForm />
      <QueueStatus interviewer={interviewer} />
    </div>
  );
}

/** /interview: choose wave and place; shows what waits for upload. */
export default function InterviewerHomePage() {
  return <InterviewerFrame>{(interviewer) => <Home interviewer={interviewer} />}</InterviewerFrame>;
}

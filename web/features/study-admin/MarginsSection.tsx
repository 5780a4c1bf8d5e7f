import { useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarginsBody, WaveMargins } from '../../../contracts/results.ts';
import type { Wave } from '../../../contracts/study-admin.ts';
import { ErrorSummary, Field, FormActions, TextAreaField, TextField } from '../../components/forms.tsx';
import { Badge, ErrorAlert, Loading, StatusMessage, TableScroll, useMessage } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatShare } from '../results/results-format.ts';
import { ExpandablePanel } from './ExpandablePanel.tsx';
import { marginLabels, marginRows, readMarginsFile, totalsDiffer, type MarginLabels, type MarginsFile } from './margins.ts';

const FORM = 'randverteilungen-form';
const FIELDS = ['file', 'title', 'source', 'licence'] as const;

/**
 * The population margins the wave's results are weighted to: the shipped official table or the
 * staff's own, always with title, source and licence. Staff can upload their own (CSV or JSON);
 * analysts only read.
 */
export function MarginsSection({ wave, canManage }: { wave: Wave; canManage: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useMessage();
  const margins = useResource((signal) => api.getWaveMargins(wave.id, { signal }), wave.id);
  // Only for the answer labels: without the questionnaire the table shows the codes.
  const version = useResource((signal) => api.getVersion(wave.studyId, wave.versionId, { signal }), `${wave.studyId}:${wave.versionId}`);
  const labels = useMemo(() => marginLabels(version.data?.definition, language), [version.data, language]);
  const data = margins.data;

  return (
    <section className="section" aria-labelledby="randverteilungen">
      <h2 id="randverteilungen">{t('resultsAdmin.margins.heading')}</h2>
      <p className="hint">{t('resultsAdmin.margins.intro')}</p>
      <ErrorAlert error={margins.error} />
      {!data && margins.loading && <Loading />}
      {data && (
        <>
          <p>
            <Badge tone={data.custom ? 'warning' : 'neutral'}>
              {data.custom ? t('resultsAdmin.margins.custom') : t('resultsAdmin.margins.official')}
            </Badge>
          </p>
          <MarginsSource margins={data} />
          <MarginsTable margins={data.margins} labels={labels} label={t('resultsAdmin.margins.tableLabel', { title: data.title })} />
        </>
      )}
      <StatusMessage message={message} />
      {canManage && (
        <ExpandablePanel
          id="randverteilungen-hochladen"
          label={t('resultsAdmin.margins.upload')}
          open={open}
          onToggle={() => {
            setMessage();
            setOpen((o) => !o);
          }}
        >
          <MarginsUploadForm
            waveId={wave.id}
            labels={labels}
            onCancel={() => setOpen(false)}
            onSaved={(saved) => {
              margins.setData(saved);
              setOpen(false);
              setMessage({ key: 'resultsAdmin.margins.saved' });
            }}
          />
        </ExpandablePanel>
      )}
    </section>
  );
}

function MarginsSource({ margins }: { margins: Pick<WaveMargins, 'title' | 'source' | 'licence'> }) {
  const { t } = useTranslation();
  return (
    <dl className="details-list">
      <div>
        <dt>{t('resultsAdmin.margins.title')}</dt>
        <dd>
          <bdi>{margins.title}</bdi>
        </dd>
      </div>
      <div>
        <dt>{t('resultsAdmin.margins.source')}</dt>
        <dd dir="auto">{margins.source}</dd>
      </div>
      <div>
        <dt>{t('resultsAdmin.margins.licence')}</dt>
        <dd>
          <bdi>{margins.licence}</bdi>
        </dd>
      </div>
    </dl>
  );
}

function variableName(t: (key: string) => string, variable: string): string {
  return ['district', 'sex', 'age_band'].includes(variable) ? t(`resultsAdmin.margins.variables.${variable}`) : variable;
}

/** Variable, level (answer label and code), population and its share of the variable's total. */
function MarginsTable({ margins, labels, label }: { margins: MarginsBody['margins']; labels: MarginLabels; label: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const rows = marginRows(margins, labels);
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.variable, (counts.get(row.variable) ?? 0) + 1);
  return (
    <TableScroll label={label}>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">{t('resultsAdmin.margins.variable')}</th>
            <th scope="col">{t('resultsAdmin.margins.level')}</th>
            <th scope="col" className="numeric">
              {t('resultsAdmin.margins.population')}
            </th>
            <th scope="col" className="numeric">
              {t('resultsAdmin.margins.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.variable}:${row.level}`}>
              {row.first && (
                <th scope="rowgroup" rowSpan={counts.get(row.variable)}>
                  {variableName(t, row.variable)}
                </th>
              )}
              <td>{row.label === null ? row.level : t('resultsAdmin.margins.levelWithCode', { label: row.label, code: row.level })}</td>
              <td className="numeric nowrap">{formatNumber(row.total, language)}</td>
              <td className="numeric nowrap">{formatShare(row.share, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Choose a file, see what it contains, name its source, then save. */
function MarginsUploadForm({
  waveId,
  labels,
  onSaved,
  onCancel,
}: {
  waveId: string;
  labels: MarginLabels;
  onSaved: (margins: WaveMargins) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<MarginsFile | null>(null);
  const [title, setTitle] = useState('');
  const [source, setSource] = useState('');
  const [licence, setLicence] = useState('');
  const fieldLabels = {
    file: t('resultsAdmin.margins.file'),
    title: t('resultsAdmin.margins.title'),
    source: t('resultsAdmin.margins.source'),
    licence: t('resultsAdmin.margins.licence'),
  };

  const { errors, busy, onSubmit } = useFormSubmit(FORM, FIELDS, {
    check: () => {
      const problems: Record<string, string> = {};
      if (!file) problems.file = t('resultsAdmin.margins.fileMissing');
      else if (!file.ok) problems.file = t('resultsAdmin.margins.fileInvalid');
      if (!title.trim()) problems.title = t('validation.required');
      if (!source.trim()) problems.source = t('validation.required');
      if (!licence.trim()) problems.licence = t('validation.required');
      return problems;
    },
    send: async () => {
      if (!file?.ok) return;
      onSaved(
        await api.setWaveMargins(waveId, { title: title.trim(), source: source.trim(), licence: licence.trim(), margins: file.margins }),
      );
    },
  });

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    if (!chosen) return setFile(null);
    const read = readMarginsFile(chosen.name, await chosen.text());
    setFile(read);
    if (read.ok) {
      // A JSON file may name its source; what staff already typed stays.
      if (read.meta.title && !title.trim()) setTitle(read.meta.title);
      if (read.meta.source && !source.trim()) setSource(read.meta.source);
      if (read.meta.licence && !licence.trim()) setLicence(read.meta.licence);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} className="form" aria-label={t('resultsAdmin.margins.upload')}>
      <ErrorSummary form={FORM} errors={errors} labels={fieldLabels} />
      <Field form={FORM} name="file" label={fieldLabels.file} hint={t('resultsAdmin.margins.fileHint')} error={errors.fields.file} required>
        {(control) => (
          <input
            {...control}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            className="file-input"
            onChange={(e) => void readFile(e)}
          />
        )}
      </Field>
      {file && !file.ok && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('resultsAdmin.margins.fileInvalid')}</p>
          <ul>
            {file.problems.map((p, i) => (
              <li key={i}>{p.line > 0 ? t('resultsAdmin.margins.lineProblem', { line: p.line, message: p.message }) : p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {file?.ok && (
        <div className="margins-preview">
          <h3>{t('resultsAdmin.margins.preview')}</h3>
          {totalsDiffer(file.margins) && <p className="callout">{t('resultsAdmin.margins.totalsDiffer')}</p>}
          <MarginsTable margins={file.margins} labels={labels} label={t('resultsAdmin.margins.preview')} />
        </div>
      )}
      <TextField
        form={FORM}
        name="title"
        label={fieldLabels.title}
        value={title}
        onChange={setTitle}
        maxLength={300}
        error={errors.fields.title}
        required
      />
      <TextAreaField
        form={FORM}
        name="source"
        label={fieldLabels.source}
        hint={t('resultsAdmin.margins.sourceHint')}
        value={source}
        onChange={setSource}
        maxLength={2000}
        rows={3}
        error={errors.fields.source}
        required
      />
      <TextField
        form={FORM}
        name="licence"
        label={fieldLabels.licence}
        hint={t('resultsAdmin.margins.licenceHint')}
        value={licence}
        onChange={setLicence}
        maxLength={300}
        error={errors.fields.licence}
        required
      />
      <FormActions busy={busy} submitLabel={t('resultsAdmin.margins.save')} onCancel={onCancel} />
    </form>
  );
}

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_ALT_LENGTH,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_SESSION,
  PHOTO_TYPES,
  type SessionPhoto,
} from '../../../contracts/session-results.ts';
import { ErrorSummary, Field, FormActions, TextField } from '../../components/forms.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { resultsApi } from './session-results-api.ts';

type SessionKey = { id: string; sessionId: string };
const MB = MAX_PHOTO_BYTES / 1024 / 1024;

function UploadForm({ target, count, onUploaded }: { target: SessionKey; count: number; onUploaded: (photo: SessionPhoto) => void }) {
  const { t } = useTranslation();
  const form = 'foto-hochladen';
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const { errors, busy, onSubmit } = useFormSubmit(form, ['file', 'alt'], {
    check: () => {
      const problems: Record<string, string> = {};
      if (!file) problems.file = t('sessionResults.photos.fileMissing');
      else if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) problems.file = t('sessionResults.photos.fileType');
      else if (file.size > MAX_PHOTO_BYTES) problems.file = t('sessionResults.photos.fileTooLarge', { mb: MB });
      if (!alt.trim()) problems.alt = t('sessionResults.photos.altMissing');
      return problems;
    },
    send: async () => {
      const photo = await resultsApi.uploadPhoto(target, file!, alt.trim());
      setFile(null);
      setAlt('');
      if (fileInput.current) fileInput.current.value = '';
      onUploaded(photo);
    },
  });
  if (count >= MAX_PHOTOS_PER_SESSION) return <p>{t('sessionResults.photos.full', { max: MAX_PHOTOS_PER_SESSION })}</p>;
  return (
    <form id={form} onSubmit={onSubmit} noValidate className="panel">
      <h3>{t('sessionResults.photos.uploadHeading')}</h3>
      <p className="alert alert-info">{t('sessionResults.photos.noPeople')}</p>
      <ErrorSummary form={form} errors={errors} labels={{ file: t('sessionResults.photos.file'), alt: t('sessionResults.photos.alt') }} />
      <Field
        form={form}
        name="file"
        label={t('sessionResults.photos.file')}
        hint={t('sessionResults.photos.fileHint', { mb: MB, max: MAX_PHOTOS_PER_SESSION })}
        required
        error={errors.fields.file}
      >
        {(control) => (
          <input
            {...control}
            ref={fileInput}
            type="file"
            accept={PHOTO_TYPES.join(',')}
            className="input input-file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <TextField
        form={form}
        name="alt"
        label={t('sessionResults.photos.alt')}
        hint={t('sessionResults.photos.altHint')}
        value={alt}
        onChange={setAlt}
        maxLength={MAX_ALT_LENGTH}
        required
        error={errors.fields.alt}
      />
      <FormActions busy={busy} submitLabel={t('sessionResults.photos.upload')} />
    </form>
  );
}

function AltForm({
  target,
  photo,
  onSaved,
  onCancel,
}: {
  target: SessionKey;
  photo: SessionPhoto;
  onSaved: (p: SessionPhoto) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = `foto-${photo.id}`;
  const [alt, setAlt] = useState(photo.alt);
  const { errors, busy, onSubmit } = useFormSubmit(form, ['alt'], {
    check: (): Record<string, string> => (alt.trim() ? {} : { alt: t('sessionResults.photos.altMissing') }),
    send: async () => onSaved(await resultsApi.updatePhoto(target, photo.id, alt.trim())),
  });
  return (
    <form id={form} onSubmit={onSubmit} noValidate>
      <ErrorSummary form={form} errors={errors} labels={{ alt: t('sessionResults.photos.alt') }} />
      <TextField
        form={form}
        name="alt"
        label={t('sessionResults.photos.alt')}
        value={alt}
        onChange={setAlt}
        maxLength={MAX_ALT_LENGTH}
        required
        error={errors.fields.alt}
      />
      <FormActions busy={busy} submitLabel={t('common.save')} onCancel={onCancel} />
    </form>
  );
}

/** Photos of the results (flip charts): upload with a required description, change it, delete. */
export function PhotosSection({
  target,
  photos,
  onChanged,
}: {
  target: SessionKey;
  photos: SessionPhoto[];
  onChanged: (photos: SessionPhoto[], message: string) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SessionPhoto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function remove(photo: SessionPhoto) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await resultsApi.deletePhoto(target, photo.id);
      onChanged(
        photos.filter((p) => p.id !== photo.id),
        'sessionResults.photos.deleted',
      );
    } catch (err) {
      setError(err);
    } finally {
      setDeleting(null);
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="fotos">
      <h2 id="fotos">{t('sessionResults.photos.heading')}</h2>
      <ErrorAlert error={error} />
      {photos.length === 0 && <p>{t('sessionResults.photos.none')}</p>}
      <ul className="photo-admin-list">
        {photos.map((photo, i) => (
          <li key={photo.id} className="photo-admin-item">
            <img
              src={photo.url}
              alt={photo.alt}
              loading="lazy"
              {...(photo.width && photo.height ? { width: photo.width, height: photo.height } : {})}
            />
            <div>
              <p className="cell-sub">{t('sessionResults.photos.number', { n: i + 1 })}</p>
              {editing === photo.id ? (
                <AltForm
                  target={target}
                  photo={photo}
                  onCancel={() => setEditing(null)}
                  onSaved={(saved) => {
                    setEditing(null);
                    onChanged(
                      photos.map((p) => (p.id === saved.id ? saved : p)),
                      'sessionResults.photos.altSaved',
                    );
                  }}
                />
              ) : (
                <>
                  <p dir="auto">{photo.alt}</p>
                  <div className="actions">
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`${t('sessionResults.photos.editAlt')}: ${t('sessionResults.photos.number', { n: i + 1 })}`}
                      onClick={() => setEditing(photo.id)}
                    >
                      {t('sessionResults.photos.editAlt')}
                    </button>
                    <button
                      type="button"
                      className="button button-danger button-small"
                      aria-label={`${t('sessionResults.photos.delete')}: ${t('sessionResults.photos.number', { n: i + 1 })}`}
                      onClick={() => setDeleting(photo)}
                    >
                      {t('sessionResults.photos.delete')}
                    </button>
                  </div>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      <UploadForm
        target={target}
        count={photos.length}
        onUploaded={(photo) => onChanged([...photos, photo], 'sessionResults.photos.uploaded')}
      />
      <ConfirmDialog
        id="foto-loeschen"
        item={deleting}
        title={t('sessionResults.photos.deleteTitle')}
        text={t('sessionResults.photos.deleteText')}
        confirmLabel={t('sessionResults.photos.delete')}
        onConfirm={(photo) => void remove(photo)}
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}

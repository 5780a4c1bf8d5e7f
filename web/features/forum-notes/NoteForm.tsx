import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FORUM_DISTRICTS,
  FORUM_TOPICS,
  MAX_NOTE_LENGTH,
  type CreateForumNoteBody,
  type ForumDistrict,
  type ForumNote,
  type ForumTopic,
} from '../../../contracts/session-results.ts';
import { ErrorSummary, FormActions, SelectField, TextAreaField, fieldId } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { currentLanguage } from '../../i18n.ts';

/** A conversation note: short text, topics (at least one), district, optionally the forum session. */
export function NoteForm({
  form,
  note,
  sessions,
  submitLabel,
  onSave,
  onCancel,
}: {
  form: string;
  note?: ForumNote;
  sessions: { id: string; title: string }[];
  submitLabel: string;
  onSave: (body: CreateForumNoteBody) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(note?.text ?? '');
  const [topics, setTopics] = useState<ForumTopic[]>(note?.topics ?? []);
  const [district, setDistrict] = useState<string>(note?.district ?? '');
  const [sessionId, setSessionId] = useState<string>(note?.sessionId ?? (sessions.length === 1 ? sessions[0]!.id : ''));
  const labels = {
    text: t('forumNotes.form.text'),
    topics: t('forumNotes.form.topics'),
    district: t('forumNotes.form.district'),
    sessionId: t('forumNotes.form.session'),
  };
  const { errors, busy, onSubmit } = useFormSubmit(form, Object.keys(labels), {
    check: () => {
      const problems: Record<string, string> = {};
      if (!text.trim()) problems.text = t('forumNotes.form.textMissing');
      if (topics.length === 0) problems.topics = t('forumNotes.form.topicsMissing');
      if (!district) problems.district = t('forumNotes.form.districtMissing');
      return problems;
    },
    send: async () => {
      await onSave({ text: text.trim(), topics, district: district as ForumDistrict, sessionId: sessionId || null });
      if (!note) {
        setText('');
        setTopics([]);
      }
    },
  });
  const left = MAX_NOTE_LENGTH - text.length;
  const number = (n: number) => n.toLocaleString(currentLanguage() === 'de' ? 'de-DE' : 'en-GB');
  const topicsId = fieldId(form, 'topics');

  return (
    <form id={form} onSubmit={onSubmit} noValidate className="note-form">
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <TextAreaField
        form={form}
        name="text"
        label={labels.text}
        hint={
          <>
            <strong>{t('forumNotes.form.noPersonalData')}</strong> {t('forumNotes.form.textHint', { max: number(MAX_NOTE_LENGTH) })}
          </>
        }
        value={text}
        onChange={setText}
        maxLength={MAX_NOTE_LENGTH}
        rows={4}
        required
        error={errors.fields.text}
      />
      <p className="hint char-count" aria-live="polite">
        {t('forumNotes.form.charsLeft', { count: left, n: number(left) })}
      </p>
      <fieldset
        className={['fieldset', 'field', errors.fields.topics ? 'field-invalid' : ''].filter(Boolean).join(' ')}
        aria-describedby={errors.fields.topics ? `${topicsId}-error` : undefined}
      >
        <legend>{labels.topics}</legend>
        {errors.fields.topics && (
          <p className="error-message" id={`${topicsId}-error`}>
            {errors.fields.topics}
          </p>
        )}
        {FORUM_TOPICS.map((topic, i) => (
          <div key={topic} className="checkbox">
            <input
              // The first box carries the fieldset's id, so the error summary can move focus here.
              id={i === 0 ? topicsId : `${topicsId}-${topic}`}
              type="checkbox"
              checked={topics.includes(topic)}
              onChange={(e) => setTopics((list) => (e.target.checked ? [...list, topic] : list.filter((x) => x !== topic)))}
            />
            <label htmlFor={i === 0 ? topicsId : `${topicsId}-${topic}`}>{t(`forumNotes.topics.${topic}`)}</label>
          </div>
        ))}
      </fieldset>
      <SelectField
        form={form}
        name="district"
        label={labels.district}
        value={district}
        onChange={setDistrict}
        placeholder={t('forumNotes.form.choose')}
        options={FORUM_DISTRICTS.map((d) => ({ value: d, label: t(`forumNotes.districts.${d}`) }))}
        required
        error={errors.fields.district}
      />
      {sessions.length > 0 && (
        <SelectField
          form={form}
          name="sessionId"
          label={labels.sessionId}
          value={sessionId}
          onChange={setSessionId}
          placeholder={t('forumNotes.form.noSession')}
          options={sessions.map((s) => ({ value: s.id, label: s.title }))}
          optional
          error={errors.fields.sessionId}
        />
      )}
      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

import { useTranslation } from 'react-i18next';
import type { OutboxMail } from '../../../contracts/admin.ts';
import { apiPath } from '../../../contracts/api.ts';
import { Badge, ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { PagedTable } from './PagedTable.tsx';
import { RefreshButton } from './RefreshButton.tsx';
import { usePage } from './use-page.ts';

const PAGE_SIZE = 25;

function MailStatus({ mail }: { mail: OutboxMail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (mail.status === 'sent') {
    return (
      <>
        {t('outbox.status.sent')}
        {mail.sentAt && <span className="cell-sub">{formatDateTime(mail.sentAt, language)}</span>}
      </>
    );
  }
  if (mail.status === 'failed') {
    return (
      <>
        <Badge tone="warning">{t('outbox.status.failed')}</Badge>
        {mail.error && (
          <span className="cell-sub">
            <bdi>{mail.error}</bdi>
          </span>
        )}
      </>
    );
  }
  return <>{t('outbox.status.stored')}</>;
}

/** Attachments (the QR ticket) as downloads: without a mail server this is how admins pass them on. */
function MailAttachments({ mail }: { mail: OutboxMail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (mail.attachments.length === 0) return null;
  return (
    <div className="mail-attachments">
      <span className="cell-sub" id={`anhaenge-${mail.id}`}>
        {t('outbox.attachments')}
      </span>
      <ul aria-labelledby={`anhaenge-${mail.id}`}>
        {mail.attachments.map((file, index) => (
          <li key={index}>
            <a href={apiPath('outboxAttachment', { id: mail.id, index: String(index) })} download={file.filename}>
              {t('outbox.download', { filename: file.filename })}
              <span className="visually-hidden">
                : {mail.subject} ({mail.to})
              </span>
            </a>{' '}
            <span className="mail-attachment-size">
              {t('outbox.size', { size: formatNumber(Math.max(0.1, Math.round(file.size / 102.4) / 10), language) })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function OutboxPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { meta } = useSession();
  const { offset, showOffset } = usePage(PAGE_SIZE);
  const outbox = useResource((signal) => api.listOutbox({ limit: PAGE_SIZE, offset }, { signal }), `outbox:${offset}`);
  const items = outbox.data?.items ?? [];
  const total = outbox.data?.total ?? 0;

  return (
    <>
      <PageHeading title={t('outbox.title')} />
      <div className="prose">
        <p>{meta?.mailMode === 'smtp' ? t('outbox.explainSmtp') : t('outbox.explainOutbox')}</p>
        <p>{t('outbox.privacy')}</p>
      </div>
      <RefreshButton onClick={outbox.reload} />
      <ErrorAlert error={outbox.error} />
      {outbox.loading && !outbox.data ? (
        <Loading />
      ) : items.length === 0 ? (
        !outbox.error && <p>{t('outbox.empty')}</p>
      ) : (
        <PagedTable
          label={t('outbox.title')}
          paginationLabel={t('outbox.pagination')}
          className="table table-outbox"
          columns={[t('outbox.date'), t('outbox.to'), t('outbox.subject'), t('outbox.statusTitle')]}
          total={total}
          offset={offset}
          limit={PAGE_SIZE}
          onPage={showOffset}
        >
          {items.map((mail) => (
            <tr key={mail.id}>
              <td className="nowrap">{formatDateTime(mail.createdAt, language)}</td>
              <td>
                <bdi>{mail.to}</bdi>
              </td>
              <td className="cell-wide">
                <bdi className="mail-subject">{mail.subject}</bdi>
                {mail.text === null ? (
                  <span className="cell-sub">{t('outbox.noText')}</span>
                ) : (
                  <details className="mail-body">
                    <summary>
                      {t('outbox.showText')}
                      <span className="visually-hidden">: {mail.subject}</span>
                    </summary>
                    <div className="plain-text" dir="auto">
                      {mail.text}
                    </div>
                  </details>
                )}
                <MailAttachments mail={mail} />
              </td>
              <td>
                <MailStatus mail={mail} />
              </td>
            </tr>
          ))}
        </PagedTable>
      )}
    </>
  );
}

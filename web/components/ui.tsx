import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/api.ts';

/** Sets the browser tab's title: "<page> – ITAS-Plattform". */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const platform = t('app.platform');
  useEffect(() => {
    document.title = title ? `${title} – ${platform}` : platform;
  }, [title, platform]);
}

/**
 * The page's only h1. It can take focus (not by Tab) so that after a page change keyboard and
 * screen reader users start at the new page's title.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}

export interface MessagePart {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * A message kept as translation keys, so it follows a language switch while it is shown.
 * `set()` without arguments clears it.
 */
export function useMessage(initial: MessagePart[] | null = null) {
  const { t } = useTranslation();
  const [parts, setParts] = useState<MessagePart[] | null>(initial);
  const text = parts ? parts.map((part) => t(part.key, part.values)).join(' ') : null;
  const set = useCallback((...next: MessagePart[]) => setParts(next.length > 0 ? next : null), []);
  return [text, set] as const;
}

/** A polite live region: it is always in the page, so changes of its text are announced. */
export function StatusMessage({ message, tone = 'success' }: { message: ReactNode; tone?: 'success' | 'info' }) {
  return (
    <div role="status" className={message ? `alert alert-${tone}` : 'live-region-empty'}>
      {message}
    </div>
  );
}

/** An error that is announced at once (role=alert). */
export function ErrorAlert({ error, children }: { error: unknown; children?: ReactNode }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(error)}</p>
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'demo' | 'lead' | 'warning' }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function DemoBadge() {
  const { t } = useTranslation();
  return <Badge tone="demo">{t('common.demo')}</Badge>;
}

/**
 * Wide tables scroll sideways on small screens instead of breaking the layout. The scroll area
 * can be focused so that keyboard users can scroll it, and it is named for screen readers.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll area must be reachable by keyboard (WCAG 2.1.1)
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function Pagination({
  total,
  offset,
  limit,
  onChange,
  label,
}: {
  total: number;
  offset: number;
  limit: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  const hasPrevious = offset > 0;
  const hasNext = offset + limit < total;
  return (
    <nav className="pagination" aria-label={label}>
      <p className="pagination-range" role="status">
        {t('pagination.range', { from, to, total })}
      </p>
      {(hasPrevious || hasNext) && (
        <ul className="pagination-buttons">
          <li>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => onChange(Math.max(0, offset - limit))}
              disabled={!hasPrevious}
            >
              {t('pagination.previous')}
            </button>
          </li>
          <li>
            <button type="button" className="button button-secondary" onClick={() => onChange(offset + limit)} disabled={!hasNext}>
              {t('pagination.next')}
            </button>
          </li>
        </ul>
      )}
    </nav>
  );
}

/**
 * A modal dialog on the native <dialog> element: the browser keeps focus inside, closes it with
 * Escape and returns focus to the button that opened it.
 */
export function Dialog({
  id,
  open,
  title,
  onClose,
  children,
}: {
  id: string;
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      {open && (
        <>
          <h2 id={`${id}-title`} className="dialog-title">
            {title}
          </h2>
          {children}
        </>
      )}
    </dialog>
  );
}

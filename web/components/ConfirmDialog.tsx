import { useTranslation } from 'react-i18next';
import { Dialog } from './ui.tsx';

/**
 * Asks before something is deleted or cancelled: open while `item` is set, with the question, a
 * red button that confirms for that item, and a button that keeps it (“Abbrechen” unless named).
 */
export function ConfirmDialog<T>({
  id,
  item,
  title,
  text,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onClose,
}: {
  id: string;
  item: T | null;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel?: string;
  busy?: boolean;
  onConfirm: (item: T) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog id={id} open={item !== null} title={title} onClose={onClose}>
      <p>{text}</p>
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          aria-disabled={busy || undefined}
          onClick={() => item !== null && onConfirm(item)}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {cancelLabel ?? t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

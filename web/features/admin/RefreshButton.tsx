import { useTranslation } from 'react-i18next';

/** Loads a list again, for lists that others change while one looks at them. */
export function RefreshButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <p>
      <button type="button" className="button button-secondary" onClick={onClick}>
        {t('common.refresh')}
      </button>
    </p>
  );
}

import { useTranslation } from 'react-i18next';
import type { SessionPhoto } from '../../../contracts/session-results.ts';

type Photo = Pick<SessionPhoto, 'id' | 'alt' | 'url' | 'width' | 'height'>;

/** Photos of flip charts: each opens full size; the description is the image's text alternative. */
export function PhotoGallery({ photos }: { photos: Photo[] }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <ul className="photo-gallery">
      {photos.map((photo) => (
        <li key={photo.id}>
          <a href={photo.url} target="_blank" rel="noopener" aria-label={`${photo.alt} (${t('sessionResults.photos.openFull')})`}>
            <img
              src={photo.url}
              alt={photo.alt}
              loading="lazy"
              decoding="async"
              {...(photo.width && photo.height ? { width: photo.width, height: photo.height } : {})}
            />
          </a>
        </li>
      ))}
    </ul>
  );
}

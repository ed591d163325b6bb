import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { bytesToBase64 } from '../import/base64';

/** A photo (JPEG, PNG) shown in the app, scaled to the page, with its title as the text alternative. */
export function ImageViewer({
  data,
  contentType,
  title,
  onSave,
  onClose,
}: {
  data: Uint8Array;
  contentType: string;
  title: string;
  onSave(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  // A data: URL (allowed by the page's CSP for images); the bytes stay in memory only.
  const source = useMemo(() => `data:${contentType};base64,${bytesToBase64(data)}`, [contentType, data]);
  return (
    <figure className="image-viewer" data-testid="image-viewer">
      <img src={source} alt={title} />
      <figcaption>{title}</figcaption>
      <div className="actions">
        <button type="button" className="button button-small" onClick={onSave}>
          {t('records.pdf.save')}
        </button>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('records.pdf.close')}
        </button>
      </div>
    </figure>
  );
}

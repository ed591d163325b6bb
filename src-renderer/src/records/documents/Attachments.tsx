import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordDetail } from '../../../../src-preload/contract/records';
import { call } from '../../api/client';
import { useErrorText } from '../../components/useErrorText';
import { formatBytes } from '../common/format';
import { useLanguage } from '../common/useLanguage';
import { base64ToBytes } from '../import/base64';
import { currentSession, stillCurrent } from '../reset';
import { saveBytes } from './download';
import { ImageViewer } from './ImageViewer';
import { PdfViewer } from './PdfViewer';

type Loaded = { index: number; title: string; contentType: string; bytes: Uint8Array<ArrayBuffer> };

const isPdf = (contentType: string) => contentType.split(';')[0]?.trim().toLowerCase() === 'application/pdf';
/** Photos Regie shows itself (a person's own documents may be photos of a letter). */
const isImage = (contentType: string) => ['image/png', 'image/jpeg'].includes(contentType.split(';')[0]?.trim().toLowerCase() ?? '');
const isViewable = (contentType: string) => isPdf(contentType) || isImage(contentType);

/** The attachments of a document: PDFs open in the viewer; every attachment can be saved. */
export function Attachments({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const [open, setOpen] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function fetchAttachment(index: number): Promise<Loaded | null> {
    const session = currentSession();
    if (!session) return null;
    setBusy(index);
    setError(null);
    try {
      const result = await call('records.attachment', { profileId: session.profileId, recordId: record.id, index });
      if (!stillCurrent(session)) return null;
      return { index, title: result.title, contentType: result.contentType, bytes: base64ToBytes(result.dataBase64) };
    } catch (e) {
      setError(errorText(e));
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function view(index: number) {
    const loaded = open?.index === index ? open : await fetchAttachment(index);
    if (loaded) setOpen(loaded);
  }

  // A letter is one item that opens the letter: its only PDF is shown right away.
  const pdfs = record.attachments.filter((a) => isViewable(a.contentType));
  const single = record.resourceType === 'DocumentReference' && pdfs.length === 1 ? pdfs[0]!.index : null;
  useEffect(() => {
    if (single !== null) void view(single);
    // Once per record: the person may close the viewer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [record.id, single]);

  async function save(index: number) {
    const loaded = open?.index === index ? open : await fetchAttachment(index);
    if (loaded) saveBytes(loaded.bytes, loaded.title, loaded.contentType);
  }

  if (record.attachments.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{t('records.detail.attachments')}</h2>
      <ul className="attachment-list">
        {record.attachments.map((attachment) => (
          <li key={attachment.index}>
            <span className="attachment-name">
              <span className="file-icon" aria-hidden="true" />
              {attachment.title}
              <span className="muted">
                {' '}
                ({[isImage(attachment.contentType) ? t('intake.photo') : t(`records.fileTypes.${isPdf(attachment.contentType) ? 'pdf' : 'other'}`, { type: attachment.contentType }), formatBytes(attachment.size, language)]
                  .filter(Boolean)
                  .join(', ')}
                )
              </span>
            </span>
            <span className="attachment-actions">
              {isViewable(attachment.contentType) && (
                <button
                  type="button"
                  className="button button-small button-primary"
                  disabled={busy !== null}
                  aria-label={`${t('records.pdf.open')}: ${attachment.title}`}
                  onClick={() => void view(attachment.index)}
                >
                  {t('records.pdf.open')}
                </button>
              )}
              <button
                type="button"
                className="button button-small"
                disabled={busy !== null}
                aria-label={`${t('records.pdf.save')}: ${attachment.title}`}
                onClick={() => void save(attachment.index)}
              >
                {t('records.pdf.save')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {busy !== null && <p role="status">{t('records.pdf.fetching')}</p>}
      {error && <p className="alert alert-error">{error}</p>}
      {open && isImage(open.contentType) && (
        <ImageViewer
          key={open.index}
          data={open.bytes}
          contentType={open.contentType}
          title={open.title}
          onSave={() => saveBytes(open.bytes, open.title, open.contentType)}
          onClose={() => setOpen(null)}
        />
      )}
      {open && isPdf(open.contentType) && (
        <PdfViewer
          key={open.index}
          data={open.bytes}
          title={open.title}
          onSave={() => saveBytes(open.bytes, open.title, open.contentType)}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openPdf, type PdfJs } from './pdfjs';

const zoomSteps = [0.75, 1, 1.25, 1.5, 2];

/**
 * A PDF inside Regie: each page drawn on a canvas with PDF.js's text layer on top, so the text can
 * be read by screen readers, selected and copied. Nothing leaves the app; the document is
 * destroyed (and the worker's copy released) when the viewer closes.
 */
export function PdfViewer({ data, title, onSave, onClose }: { data: Uint8Array; title: string; onSave(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<{ pdf: PDFDocumentProxy; pdfjs: PdfJs } | null>(null);
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [rendered, setRendered] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const pageRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    openPdf(data)
      .then(async ({ task, pdfjs }) => {
        destroy = () => task.destroy();
        const pdf = await task.promise;
        if (!cancelled) setDoc({ pdf, pdfjs });
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      void destroy?.().catch(() => undefined);
    };
  }, [data]);

  useEffect(() => {
    if (!doc) return;
    let cancelled = false;
    let renderTask: { cancel(): void } | null = null;
    let textLayer: { cancel(): void } | null = null;
    setRendered(false);
    (async () => {
      const pdfPage = await doc.pdf.getPage(page);
      if (cancelled) return;
      const scale = zoomSteps[zoom] ?? 1;
      const viewport = pdfPage.getViewport({ scale: scale * 1.25 });
      const canvas = canvasRef.current;
      const text = textRef.current;
      const container = pageRef.current;
      if (!canvas || !text || !container) return;
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      container.style.setProperty('--total-scale-factor', String(viewport.scale));
      container.style.setProperty('--scale-round-x', '1px');
      container.style.setProperty('--scale-round-y', '1px');
      container.style.width = `${Math.floor(viewport.width)}px`;
      container.style.height = `${Math.floor(viewport.height)}px`;
      const task = pdfPage.render({
        canvas,
        viewport,
        ...(ratio !== 1 && { transform: [ratio, 0, 0, ratio, 0, 0] }),
      });
      renderTask = task;
      await task.promise;
      if (cancelled) return;
      text.replaceChildren();
      const layer = new doc.pdfjs.TextLayer({ textContentSource: await pdfPage.getTextContent(), container: text, viewport });
      textLayer = layer;
      await layer.render();
      if (!cancelled) setRendered(true);
    })().catch(() => {
      if (!cancelled) setFailed(true);
    });
    return () => {
      cancelled = true;
      renderTask?.cancel();
      textLayer?.cancel();
    };
  }, [doc, page, zoom]);

  useEffect(
    () => () => {
      // Let go of rendered text and pixels when the viewer closes.
      textRef.current?.replaceChildren();
      const canvas = canvasRef.current;
      if (canvas) {
        canvas.width = 0;
        canvas.height = 0;
      }
    },
    [],
  );

  const pages = doc?.pdf.numPages ?? 0;
  return (
    <section className="pdf-viewer" aria-labelledby="pdf-viewer-title" data-testid="pdf-viewer">
      <div className="pdf-toolbar">
        <h2 id="pdf-viewer-title" ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <div className="pdf-controls" role="group" aria-label={t('records.pdf.controls')}>
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('records.pdf.previous')}
          </button>
          <span aria-live="polite">{pages ? t('records.pdf.pageOf', { page, pages }) : ''}</span>
          <button type="button" className="button button-small" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('records.pdf.next')}
          </button>
          <button type="button" className="button button-small" disabled={zoom <= 0} onClick={() => setZoom((z) => z - 1)}>
            {t('records.pdf.zoomOut')}
          </button>
          <button type="button" className="button button-small" disabled={zoom >= zoomSteps.length - 1} onClick={() => setZoom((z) => z + 1)}>
            {t('records.pdf.zoomIn')}
          </button>
          <button type="button" className="button button-small button-primary" onClick={onSave}>
            {t('records.pdf.save')}
          </button>
          <button type="button" className="button button-small" onClick={onClose}>
            {t('records.pdf.close')}
          </button>
        </div>
      </div>
      {failed && <p className="alert alert-error">{t('records.pdf.failed')}</p>}
      {!doc && !failed && <p role="status">{t('records.pdf.loading')}</p>}
      <div className="pdf-scroll" tabIndex={0} role="region" aria-label={t('records.pdf.document', { title })}>
        <div className="pdf-page" ref={pageRef} data-rendered={rendered ? 'true' : 'false'}>
          <canvas ref={canvasRef} aria-hidden="true" />
          <div className="textLayer" ref={textRef} data-testid="pdf-text-layer" />
        </div>
      </div>
    </section>
  );
}

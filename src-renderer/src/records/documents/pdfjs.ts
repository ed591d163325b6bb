/**
 * PDF.js, loaded only when a PDF is opened. The worker is bundled with the app (no CDN) and
 * PDF.js runs without eval, without WebAssembly and without fetching anything: the document's
 * bytes are handed over directly.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?worker&url';

export type PdfJs = typeof import('pdfjs-dist');

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return loading;
}

export async function openPdf(data: Uint8Array) {
  const pdfjs = await loadPdfJs();
  // PDF.js may transfer (detach) the buffer to its worker: give it a copy.
  const task = pdfjs.getDocument({
    data: data.slice(),
    // PDF.js 6 has no eval-based code path any more (the option was removed); it is still passed so an
    // older PDF.js could never compile PDF functions with eval. The CSP forbids eval in any case.
    ...({ isEvalSupported: false } as object),
    useWasm: false,
    enableXfa: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
  });
  return { task, pdfjs };
}

/**
 * Saving an attachment: a short-lived blob: URL with the attachment's title as file name.
 * The URL is revoked right after the click, so the bytes do not linger.
 */
const extensions: Record<string, string> = {
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'text/html': '.html',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'application/xml': '.xml',
  'text/xml': '.xml',
  'application/json': '.json',
  'application/fhir+json': '.json',
  'application/fhir+xml': '.xml',
};

export function safeFileName(title: string, contentType: string): string {
  const base = [...title]
    .map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? ' ' : c))
    .join('').replace(/\s+/g, ' ').trim().slice(0, 120) || 'document';
  const extension = extensions[contentType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? '';
  return extension && !base.toLowerCase().endsWith(extension) ? `${base}${extension}` : base;
}

export function saveBytes(bytes: Uint8Array<ArrayBuffer>, title: string, contentType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFileName(title, contentType);
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

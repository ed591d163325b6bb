import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Resolves a URL path to a file inside the built renderer, refusing anything that escapes it.
 * Unknown paths fall back to index.html (single-page app).
 */
export async function readRendererFile(
  rendererDir: string,
  urlPath: string,
): Promise<{ body: Buffer; contentType: string } | null> {
  const root = resolve(rendererDir);
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const wanted = resolve(root, `.${relative.endsWith('/') ? `${relative}index.html` : relative}`);
  if (wanted !== root && !wanted.startsWith(root + sep)) return null;
  for (const candidate of [wanted, resolve(root, 'index.html')]) {
    try {
      const body = await readFile(candidate);
      return { body, contentType: contentTypes[extname(candidate)] ?? 'application/octet-stream' };
    } catch {
      // try the SPA fallback next
    }
  }
  return null;
}

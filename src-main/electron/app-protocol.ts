import { protocol } from 'electron';
import { readRendererFile } from '../common/renderer-files';
import { securityHeaders } from '../common/security-headers';

export const appScheme = 'regie';
export const appOrigin = `${appScheme}://app`;

/** Serves the built renderer from regie://app/ instead of file://, with the CSP as a header. */
export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? await readRendererFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404, headers: securityHeaders });
    return new Response(new Uint8Array(file.body), { headers: { ...securityHeaders, 'Content-Type': file.contentType } });
  });
}

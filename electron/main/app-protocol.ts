// app://sohoa/… serves the renderer and page images (never file://), with the same resources
// and Content-Security-Policy as browser mode.
import { protocol } from 'electron';
import { Readable } from 'node:stream';
import { CONTENT_SECURITY_POLICY, resolveResource } from '../bridge/resources';
import type { Station } from '../core/station';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

export function serveAppProtocol(station: Station, rendererDir: string): void {
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const resource = url.host === 'sohoa' ? resolveResource(station, rendererDir, url.pathname) : null;
    if (!resource) return new Response(null, { status: 404 });
    const body = Readable.toWeb(resource.open()) as ReadableStream;
    return new Response(body, {
      headers: {
        'content-type': resource.contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': resource.immutable ? 'private, max-age=31536000, immutable' : 'no-cache',
      },
    });
  });
}

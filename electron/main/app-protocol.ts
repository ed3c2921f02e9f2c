// app://sohoa/… serves the renderer and page images (never file://), with the same resources,
// rules and headers as browser mode: a page or PDF only to a window whose session may act and
// may read it (its file key in `?k=`), never cached.
import { protocol } from 'electron';
import { Readable } from 'node:stream';
import { resolveResource, resourceHeaders } from '../bridge/resources';
import type { Station } from '../core/station';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

export function serveAppProtocol(station: Station, rendererDir: string): void {
  protocol.handle('app', (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response(null, { status: 400 });
    }
    if (url.host !== 'sohoa') return new Response(null, { status: 404 });
    try {
      const found = resolveResource(station, rendererDir, url.pathname, url.searchParams.get('k'));
      if (found.status !== 200) return new Response(null, { status: found.status, headers: { 'cache-control': 'no-store' } });
      return new Response(Readable.toWeb(found.resource.open()) as ReadableStream, { headers: resourceHeaders(found.resource) });
    } catch (e) {
      station.log.error('app:// request failed', e, { path: url.pathname });
      return new Response(null, { status: 500 });
    }
  });
}

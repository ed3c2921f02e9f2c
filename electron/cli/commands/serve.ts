// sohoa serve [--port N] [--no-wizard]: browser mode, until Ctrl+C. --no-wizard: for scripts and
// tests, a station without accounts works as its own administrator without the first-start wizard.
import { badOption, numberOption } from '../args';
import type { Command } from '../command';

export const serveCommand: Command = {
  options: { port: { type: 'string' }, 'no-wizard': { type: 'boolean' } },
  async run({ out, parsed, session }) {
    const port = numberOption(parsed, 'port') ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw badOption('--port', 'expected a port number 0–65535', 'cần số cổng 0–65535');
    // The bridge (ws, sharp for page pictures) loads here, not with every other command (issue 17).
    const [{ startBridge }, { ensureRenderer }] = await Promise.all([import('../../bridge/server'), import('../../bridge/renderer-build')]);
    const rendererDir = await ensureRenderer((text) => out.note(text));
    // Browser mode is long-lived, like the app: it resumes text recognition left pending.
    const s = await session({ resumeBackgroundWork: true, ...(parsed.values['no-wizard'] ? { firstStartWizard: false } : {}) });
    const bridge = await startBridge({ station: s.station, rendererDir, port });
    out.result({ url: bridge.url, port: bridge.port, dataDir: s.station.info.dataDir }, () => [out.t('serving', { url: bridge.url }), out.t('addressOnce'), out.t('stopHint')]);
    // Each address opens the station once: Enter prints another (for another browser).
    const another = () => out.note(out.t('serving', { url: bridge.newAddress() }));
    if (process.stdin.isTTY) process.stdin.on('data', another);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    process.stdin.off('data', another);
    process.stdin.pause();
    await bridge.close();
    return 0;
  },
};

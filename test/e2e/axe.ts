// axe-core on a page as it is now: every violation printed, the serious and critical ones
// returned (a test fails on them). (The screens tour keeps its own copy of this; it can use this
// one.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Axe {
  run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
}

export async function axeProblems(page: Page, name: string): Promise<string[]> {
  // Evaluated through the debugging protocol: the station's CSP (script-src 'self') refuses an inline script tag.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: Axe }).axe;
    return axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
  });
  const lines = result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 4).join(', ')}`);
  console.log(`axe ${name}: ${lines.length ? lines.join('\n  ') : 'no violations'}`);
  return lines.filter((l) => l.startsWith('serious') || l.startsWith('critical'));
}

// Which recognition engine a station uses. The portable one — tesseract in WebAssembly, with the
// model from the app's assets — is the default everywhere: it is what a counter's Windows PC runs,
// so it is what every test runs (issue 22: "the portable path is the one tested as the default").
// Debian's tesseract, a separate program, is used only when the station's environment asks for
// it (SOHOA_OCR_ENGINE=native), e.g. on a Linux station where it measures faster.
import type { Logger } from '../log';
import type { OcrEngine } from './engine';
import { tesseractEngine } from './tesseract';
import { PortableOcrEngine } from './tesseract-wasm';

export type OcrEngineName = 'portable' | 'native';

export function ocrEngineName(env: NodeJS.ProcessEnv): OcrEngineName {
  return env.SOHOA_OCR_ENGINE?.trim().toLowerCase() === 'native' ? 'native' : 'portable';
}

export interface OcrEngineChoice {
  readonly assetsDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log?: Logger;
  /** Worker threads of the portable engine at most (default: the cores). */
  readonly size?: number;
}

export function chooseOcrEngine(choice: OcrEngineChoice): OcrEngine {
  const name = ocrEngineName(choice.env);
  const value = choice.env.SOHOA_OCR_ENGINE;
  if (value && name === 'portable' && value.trim().toLowerCase() !== 'portable') choice.log?.warn('unknown OCR engine asked for: the portable one is used', { asked: value });
  if (name === 'native') return tesseractEngine;
  return new PortableOcrEngine({ assetsDir: choice.assetsDir, ...(choice.size !== undefined ? { size: choice.size } : {}) });
}

// The messages between portable.ts and its worker thread (portable-worker.ts).

interface Base {
  readonly id: number;
  /** The WebAssembly engines' memory maximum for this call. */
  readonly limitBytes: number;
}

export type WorkerRequest = Base &
  (
    | { readonly op: 'qpdf'; readonly args: (string | { file: string })[] }
    | { readonly op: 'boxes' | 'pages' | 'images'; readonly file: string }
    | { readonly op: 'xref'; readonly file: string; readonly out: string }
    | { readonly op: 'jpeg'; readonly file: string; readonly object: number; readonly out: string }
    | { readonly op: 'ccitt'; readonly file: string; readonly page: number; readonly object: number }
    | { readonly op: 'words'; readonly file: string; readonly page: number }
    | { readonly op: 'render'; readonly file: string; readonly page: number; readonly dpi: number; readonly grey: boolean; readonly out: string }
  );

/** Which WebAssembly engine does an operation: named in a deadline's or a memory limit's error. */
export const ENGINE_OF: Readonly<Record<WorkerRequest['op'], 'qpdf' | 'pdfium' | 'pdf-lib'>> = {
  qpdf: 'qpdf',
  xref: 'qpdf',
  boxes: 'pdf-lib',
  pages: 'pdfium',
  images: 'pdfium',
  jpeg: 'pdf-lib',
  ccitt: 'pdf-lib',
  words: 'pdfium',
  render: 'pdfium',
};

export type WorkerReply = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: { readonly message: string; readonly memory: boolean } };

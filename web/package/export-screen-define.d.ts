// TypeScript declarations of export-screen-define.js, which registers <export-screen> when it is
// imported (export-screen.d.ts declares the element).
import type { ExportScreenElement } from './export-screen.js';

/** Resolves with the element's class once <export-screen> is registered. */
export declare const defined: Promise<typeof ExportScreenElement>;

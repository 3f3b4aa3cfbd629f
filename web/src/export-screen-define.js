// Registers <export-screen>. Import this module for the side effect; import export-screen.js to
// register under another tag name.
import { ExportScreenElement } from './export-screen.js';

ExportScreenElement.define();

export { ExportScreenElement };

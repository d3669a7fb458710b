// Imported first by the Ink hello-world: hides `globalThis.fetch` while the modules after it (Ink,
// and yoga inside it) load, as src/tui/without-global-fetch.ts does for the TUI. A static import,
// so the hello-world stays one bundle without a chunk to load, as it always was.
const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
if (fetch?.configurable) delete (globalThis as { fetch?: unknown }).fetch;

export function restoreGlobalFetch(): void {
  if (fetch?.configurable) Object.defineProperty(globalThis, 'fetch', fetch);
}

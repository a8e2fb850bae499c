// Opening files: reading them as bytes, choosing how to show them as text, and the drop zone.

export const MAX_BYTES = 5_000_000; // "5 MB", as formatSize counts

const utf8 = new TextDecoder('utf-8');

/** UTF-8 when the bytes are valid UTF-8, else windows-1252 (every byte is a character). */
export function pickDecoder(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return utf8;
  } catch {
    return new TextDecoder('windows-1252');
  }
}

/** True when a drag carries files. */
export const hasFiles = (event) => [...(event.dataTransfer?.types || [])].includes('Files');

/**
 * Makes `zone` take dropped files: onFiles(files) with every file dropped. A file dropped
 * next to the zone must not make the browser leave the page.
 */
export function acceptDrops(zone, onFiles) {
  zone.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove('dragging');
  });
  zone.addEventListener('drop', (event) => {
    zone.classList.remove('dragging');
    if (!hasFiles(event)) return;
    event.preventDefault();
    const files = [...event.dataTransfer.files];
    if (files.length) onFiles(files);
  });
  window.addEventListener('dragover', (event) => { if (hasFiles(event)) event.preventDefault(); });
  window.addEventListener('drop', (event) => { if (hasFiles(event)) event.preventDefault(); });
}

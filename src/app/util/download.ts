/**
 * Offers `data` to the user as a file named `name` (through a temporary
 * object URL and link; the browser decides where it goes).
 */
export function downloadFile(name: string, data: string | Blob, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The MIME type for a file name's extension (what the app downloads). */
export function mimeOf(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.svg')) return 'image/svg+xml';
  if (name.endsWith('.png')) return 'image/png';
  return 'text/plain';
}

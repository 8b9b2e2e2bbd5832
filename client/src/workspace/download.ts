/** Saves a file from the browser: a Blob or text, under a name. */
export function download(fileName: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name for an export: `ringtrace-<name>-<UTC date and time>.<extension>`. */
export function exportName(extension: string, name = 'view', now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const safe = name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'view';
  return `ringtrace-${safe}-${stamp}.${extension}`;
}

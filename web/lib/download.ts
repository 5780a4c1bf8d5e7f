/**
 * Saves a blob as a file download: a temporary object URL on a link that is clicked once.
 * The URL is released a minute later (large exports may take a moment to hand over).
 */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves JSON as a file download (export). */
export function downloadJson(value: unknown, filename: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2) + "\n"], { type: "application/json" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: filename.replace(/[^\w .-]+/g, "_") });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

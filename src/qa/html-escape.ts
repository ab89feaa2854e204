/** Text from runs and documents is untrusted: everything that reaches a report page goes through here. */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

/** File names and paths are Latin: isolated left-to-right so the RTL page does not reorder them. */
export const ltr = (text: string): string => `<bdi dir="ltr">${escapeHtml(text)}</bdi>`;

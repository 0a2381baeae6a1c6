// Free text that should add up across reviews: hypotheses and causes are matched by normalised text.

/** Case, surrounding and repeated whitespace, and a trailing full stop do not make a text different. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!;,\s]+$/u, '')
    .toLocaleLowerCase('en');
}

/** The text as a person typed it, tidied: single spaces, no surrounding blanks. */
export function tidyText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** Distinct texts by normalised form, first spelling wins, empty ones dropped. */
export function dedupeTexts(texts: readonly string[]): { text: string; normalized: string }[] {
  const seen = new Map<string, string>();
  for (const t of texts) {
    const n = normaliseText(t);
    if (n && !seen.has(n)) seen.set(n, tidyText(t));
  }
  return [...seen].map(([normalized, text]) => ({ text, normalized }));
}

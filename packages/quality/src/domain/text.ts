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

/** How many lists mention each text (by normalised form; a list counts once per text), most first. */
export function countTexts(lists: readonly (readonly string[])[]): { text: string; count: number }[] {
  const counts = new Map<string, { text: string; count: number }>();
  for (const list of lists) {
    for (const { text, normalized } of dedupeTexts(list)) {
      const c = counts.get(normalized);
      if (c) c.count++;
      else counts.set(normalized, { text, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

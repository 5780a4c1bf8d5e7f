/**
 * A respondent's unfinished answers, kept in sessionStorage: they survive a reload of the tab
 * and vanish when the tab closes, so the next person on a shared device never sees them.
 * The id is made on the device and identifies the answer set: sending it twice stores it once.
 */
export interface Draft {
  id: string;
  answers: Record<string, unknown>;
  page: number;
  /** Pages already counted for the drop-off figures (each once per answer set). */
  reached?: number[];
  /** The single-use invitation code of a panel wave, checked before the first question. */
  invitation?: string;
}

const key = (code: string) => `itas.survey.${code}`;

export function loadDraft(code: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(key(code));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    if (typeof d.id !== 'string' || !d.answers || typeof d.answers !== 'object') return null;
    return {
      id: d.id,
      answers: d.answers,
      page: Number(d.page) || 0,
      reached: Array.isArray(d.reached) ? d.reached.filter((n): n is number => Number.isInteger(n)) : [],
      ...(typeof d.invitation === 'string' && { invitation: d.invitation }),
    };
  } catch {
    return null;
  }
}

export function saveDraft(code: string, draft: Draft): Draft {
  try {
    sessionStorage.setItem(key(code), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the survey still works, only a reload would lose answers.
  }
  return draft;
}

export function clearDraft(code: string): void {
  try {
    sessionStorage.removeItem(key(code));
  } catch {
    // nothing to clear
  }
}

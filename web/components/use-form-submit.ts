import { useState, type FormEvent } from 'react';
import { useFormErrors } from './forms.tsx';

interface SubmitSteps {
  /** Client-side checks, run once the form is not busy; problems per field, empty when all is well. */
  check?: () => Record<string, string>;
  /** Ends the submission quietly after the checks, for example when nothing has changed. */
  skip?: () => boolean;
  /** Sends the form; a rejection is shown in the error summary and at the fields. */
  send: () => Promise<void>;
  /** Sees a rejection first; returns true when it has dealt with it, so it is not shown at the fields. */
  failed?: (err: unknown) => boolean;
}

/**
 * The submit cycle all forms share: ignore clicks while busy, check, clear old errors, send,
 * and show what went wrong in the error summary (which also moves focus to the first bad field).
 */
export function useFormSubmit(form: string, fieldNames: readonly string[], steps: SubmitSteps) {
  const [busy, setBusy] = useState(false);
  const { errors, clear, setClientErrors, setFromError } = useFormErrors(form, fieldNames);

  async function run() {
    const problems = steps.check?.() ?? {};
    if (Object.keys(problems).length > 0) return setClientErrors(problems);
    if (steps.skip?.()) return;
    clear();
    setBusy(true);
    try {
      await steps.send();
    } catch (err) {
      if (!steps.failed?.(err)) setFromError(err);
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    void run();
  }

  return { errors, busy, onSubmit };
}
